/** English UI text (US practice), assembled from the same per-area catalogues as zh-CN. */
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
import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  ...core.en,
  ...library.en,
  ...profile.en,
  ...practice.en,
  ...progress.en,
  ...review.en,
  ...reviewCohort.en,
  ...studio.en,
  ...verdicts.en,
  ...appInfo.en,
  ...trust.en,
  ...lrs.en,
  ...lrsCohort.en,
  ...lms.en,
};
