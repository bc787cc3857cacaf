/** The storage API the state layer uses: repositories (the only writers), queries, export/import and errors. */
export { DEFAULT_DB_NAME, SCHEMA_VERSION, createDb, openDb, type CallDojoDb } from './db.ts';
export { StorageError, toStorageError, type StorageErrorKind } from './errors.ts';
export { STORAGE_MESSAGES } from './messages.ts';
export { createProfile, getProfile, listProfiles, renameProfile } from './profiles.ts';
export {
  abandonAttempt,
  completeAttempt,
  findResumableAttempt,
  getAttempt,
  startAttempt,
  type CompleteAttemptInput,
  type StartAttemptInput,
} from './attempts.ts';
export { listTurns, recordExchange, recordPersonaTurn, recordTraineeTurn, type ExchangeLine } from './turns.ts';
export { getRecord, saveRecord, type RecordInput } from './records.ts';
export {
  correctedVerdicts,
  libraryStats,
  proficiencyOverTime,
  scenarioHistory,
  unfinishedCalls,
  weakestRules,
  type HistoryPoint,
  type ProficiencyPoint,
  type ScenarioStats,
  type WeakRule,
} from './progress.ts';
export {
  acknowledgeReview,
  changeMentorPin,
  checkMentorPin,
  commentReview,
  disputeReview,
  effectiveScores,
  ensureReview,
  getMentorKey,
  getMentorPin,
  listOverrides,
  reviewsFor,
  setMentorPin,
  unlockMentor,
  type EffectiveScores,
} from './reviews.ts';
export {
  addFinding,
  creditElement,
  narrowFinding,
  overruleFinding,
  type AddFindingInput,
  type CreditElementInput,
  type NarrowFindingInput,
  type OverruleInput,
} from './corrections.ts';
export { watch } from './live.ts';
export { allTurns, cohortTables, progressTrigger, reviewTrigger } from './mentor-reads.ts';
export { getSetting, putSetting } from './settings.ts';
export { requestPersistence } from './persistence.ts';
export { exportAll, exportFileName, exportProfile } from './export.ts';
export {
  acceptToken,
  importBundle,
  type ImportConflict,
  type ImportCounts,
  type ImportOptions,
  type ImportResult,
  type ImportSignature,
} from './import.ts';
export { deviceKey } from './signing.ts';
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MAX_IMPORT_CHARS,
  UNSIGNED_BUNDLE_VERSION,
  type BundlePayload,
  type ExportBundle,
  type SignedBundle,
} from './bundle.ts';
export { ATTEMPT_STATUSES, MODES } from './types.ts';
export type * from './types.ts';
