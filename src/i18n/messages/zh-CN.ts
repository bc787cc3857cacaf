/**
 * zh-CN UI text, assembled from one catalogue file per area so features can add text without touching each other.
 * zh-CN is the default language; `en.ts` is assembled the same way and must provide every key.
 */
import * as core from './core.ts';
import * as library from './library.ts';
import * as practice from './practice.ts';
import * as profile from './profile.ts';
import * as progress from './progress.ts';
import * as review from './review.ts';
import * as reviewCohort from './review-cohort.ts';
import * as studio from './studio.ts';
import * as verdicts from './verdicts.ts'; // issue 14: pass policy and mentor verdicts
import * as appInfo from './app-info.ts'; // issue 15 part H: update prompt, About page, versions
import * as trust from './trust.ts'; // issue 15 part F: trusted records
import * as lrs from './lrs.ts'; // issue 16: LRS connection and outbox
import * as lrsCohort from './lrs-cohort.ts'; // issue 16: the mentor's cohort from the LRS
import * as lms from './lms.ts'; // issue 16: launched from an LMS (SCORM 1.2, cmi5)

export const zhCN = {
  ...core.zh,
  ...library.zh,
  ...profile.zh,
  ...practice.zh,
  ...progress.zh,
  ...review.zh,
  ...reviewCohort.zh,
  ...studio.zh,
  ...verdicts.zh,
  ...appInfo.zh,
  ...trust.zh,
  ...lrs.zh,
  ...lrsCohort.zh,
  ...lms.zh,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
