/** The app's version (package.json), put into the build by vite.config.ts's `define`. */
declare const __APP_VERSION__: string;

export const APP_VERSION: string = __APP_VERSION__;
