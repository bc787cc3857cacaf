/** The `settings` key of the LRS connection, apart from settings.ts so the first page can ask "is one configured?" cheaply. */
export const LRS_SETTING_KEY = 'lrs';
