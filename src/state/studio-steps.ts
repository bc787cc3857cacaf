/** Where a Studio check is (its progress line): loading the checker, compiling, walking the paths, the model call, the options. */
export const CHECK_STEPS = ['loading', 'compiling', 'playthrough', 'rehearsal', 'options'] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];
