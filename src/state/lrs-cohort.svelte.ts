/**
 * The mentor's view of the LRS: the PC's connection (read from storage only), the optional mentor read credential,
 * and the cohort and call lines read when — and only when — the mentor asks.
 */
import {
  cohortFromStatements,
  readCohortStatements,
  type LocalKnown,
  type RemoteCohort,
  type RemoteQuery,
} from '../lrs/cohort-remote.ts';
import {
  readConnection,
  readMentorCredential,
  saveMentorCredential,
  type MentorReadCredential,
} from '../lrs/mentor-read.ts';
import { linesFromStatements, readAttemptStatements, type RemoteLine } from '../lrs/remote-turns.ts';
import { readLrsSettings, type LrsSettings } from '../lrs/settings.ts';
import type { Statement } from '../lrs/xapi.ts';
import { toStorageError, type StorageError } from '../storage/index.ts';
import { appDb } from './db.ts';
import { problemOf, type LrsProblem } from './lrs-cohort.ts';

export type OpenCall =
  { status: 'loading' } | { status: 'loaded'; lines: RemoteLine[] } | { status: 'error'; problem: LrsProblem };

export class LrsCohortState {
  /** undefined until storage answers; null when this PC has no LRS configured. */
  settings = $state.raw<LrsSettings | null | undefined>(undefined);
  mentor = $state.raw<MentorReadCredential | null>(null);
  query = $state.raw<RemoteQuery>({ course: null, days: 30 });
  loading = $state(false);
  /** Statements read so far during a read (progress for a large cohort). */
  progress = $state(0);
  problem = $state.raw<LrsProblem | null>(null);
  storageError = $state.raw<StorageError | null>(null);
  /** The result statements of the last read, or null before any. */
  statements = $state.raw<Statement[] | null>(null);
  /** Lines of the remote calls a mentor opened, by registration. */
  open = $state.raw<Record<string, OpenCall>>({});

  /** Reads the connection and the mentor credential from this PC's storage (no network). */
  async start(): Promise<void> {
    try {
      const db = appDb();
      [this.settings, this.mentor] = await Promise.all([readLrsSettings(db), readMentorCredential(db)]);
    } catch (e) {
      this.storageError = toStorageError(e);
      this.settings = null;
    }
  }

  /** The remote cohort of the last read, without the calls this PC holds itself. */
  cohort(local: LocalKnown): RemoteCohort | null {
    const s = this.settings;
    if (!this.statements || !s) return null;
    return cohortFromStatements(this.statements, { activityBase: s.activityBase, homePage: s.homePage, local });
  }

  /** Reads the query's result statements from the LRS. */
  async load(query: RemoteQuery): Promise<void> {
    const s = this.settings;
    if (!s || this.loading) return;
    this.query = query;
    this.loading = true;
    this.problem = null;
    this.progress = 0;
    try {
      this.statements = await readCohortStatements(readConnection(s, this.mentor), s.activityBase, query, {
        onPage: (n) => (this.progress = n),
      });
      this.open = {};
    } catch (e) {
      this.problem = problemOf(e);
    } finally {
      this.loading = false;
    }
  }

  /** Reads one remote call's lines by its registration (again if an earlier read failed). */
  async openCall(registration: string): Promise<void> {
    const s = this.settings;
    if (!s || this.open[registration]?.status === 'loading') return;
    this.open = { ...this.open, [registration]: { status: 'loading' } };
    let next: OpenCall;
    try {
      next = {
        status: 'loaded',
        lines: linesFromStatements(await readAttemptStatements(readConnection(s, this.mentor), registration)),
      };
    } catch (e) {
      next = { status: 'error', problem: problemOf(e) };
    }
    this.open = { ...this.open, [registration]: next };
  }

  closeCall(registration: string): void {
    const { [registration]: _, ...rest } = this.open;
    this.open = rest;
  }

  /** Stores (or, with an empty key, removes) the mentor's read credential on this PC. */
  async saveMentor(c: MentorReadCredential): Promise<void> {
    try {
      this.mentor = await saveMentorCredential(appDb(), c);
      this.storageError = null;
    } catch (e) {
      this.storageError = toStorageError(e);
    }
  }
}
