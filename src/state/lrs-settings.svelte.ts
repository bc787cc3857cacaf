/**
 * Settings → 学习记录库 LRS: the connection form (saved only when every field is usable, errors by field), a test that
 * sends nothing, how many statements wait, conflict or are parked (with the LRS's reasons), "send now", and the
 * "credentials needed" notice after a 401/403. Loaded with its section only (not on the first page).
 */
import { basicAuth, type FetchLike } from '../lrs/client.ts';
import { testConnection, type ConnectionVerdict } from '../lrs/connection-test.ts';
import { outboxFlusher, startOutbox, type FlushStatus } from '../lrs/flusher.ts';
import {
  DEFAULT_ACTIVITY_BASE,
  readLrsSettings,
  saveLrsSettings,
  type LrsField,
  type LrsFieldError,
  type LrsSettings,
} from '../lrs/settings.ts';
import { outboxCounts, requeue, unsentRows, type OutboxCounts } from '../storage/outbox.ts';
import { toStorageError, type StorageError } from '../storage/errors.ts';
import { watch } from '../storage/live.ts';
import type { OutboxRow } from '../storage/types.ts';
import { appDb } from './db.ts';

export const LRS_FIELDS: readonly LrsField[] = ['endpoint', 'key', 'secret', 'homePage', 'activityBase'];

const EMPTY: LrsSettings = { endpoint: '', key: '', secret: '', homePage: '', activityBase: DEFAULT_ACTIVITY_BASE };

export class LrsSettingsState {
  form = $state<LrsSettings>({ ...EMPTY });
  /** Problems of the last save, by field (empty: saved or not tried). */
  errors = $state.raw<LrsFieldError[]>([]);
  /** A connection is saved on this PC. */
  configured = $state(false);
  saved = $state(false);
  test = $state.raw<ConnectionVerdict | 'testing' | null>(null);
  counts = $state.raw<OutboxCounts | undefined>(undefined);
  unsent = $state.raw<OutboxRow[]>([]);
  status = $state.raw<FlushStatus>({ kind: 'idle' });
  sending = $state(false);
  error = $state.raw<StorageError | null>(null);
  private stops: (() => void)[] = [];
  private followed = false;

  constructor(private readonly fetch?: FetchLike) {}

  /** Reads the saved connection, follows the outbox counts, and (when configured) the flusher's status. */
  async start(): Promise<void> {
    try {
      const saved = await readLrsSettings(appDb());
      if (saved) this.form = { ...saved };
      this.configured = saved !== null;
      if (saved) this.follow(startOutbox(appDb()));
    } catch (e) {
      this.error = toStorageError(e);
    }
    this.stops.push(
      watch(
        () => outboxCounts(appDb()),
        (c) => (this.counts = c),
        (e) => (this.error = e),
      ),
      watch(
        () => unsentRows(appDb()),
        (rows) => (this.unsent = rows),
        (e) => (this.error = e),
      ),
    );
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
  }

  /** The problem with `field` from the last save, if any. */
  errorOf(field: LrsField): LrsFieldError['code'] | null {
    return this.errors.find((e) => e.field === field)?.code ?? null;
  }

  /** Saves the form; on success the flusher starts (or retries with the new credentials). */
  async save(): Promise<void> {
    this.saved = false;
    try {
      this.errors = await saveLrsSettings(appDb(), $state.snapshot(this.form));
      if (this.errors.length) return;
      this.configured = true;
      this.saved = true;
      const running = outboxFlusher();
      const flusher = running ?? startOutbox(appDb());
      this.follow(flusher);
      if (running) await flusher.credentialsChanged();
    } catch (e) {
      this.error = toStorageError(e);
    }
  }

  /** Tries the form's connection (saved or not) with one read that stores nothing. */
  async testConnection(): Promise<void> {
    const { endpoint, key, secret } = this.form;
    this.test = 'testing';
    this.test = await testConnection(
      { endpoint: endpoint.trim(), authorization: basicAuth(key.trim(), secret) },
      this.fetch,
    );
  }

  /** Sends what waits now (skipping the backoff). */
  async sendNow(): Promise<void> {
    const flusher = outboxFlusher();
    if (!flusher) return;
    this.sending = true;
    try {
      await flusher.flush();
    } finally {
      this.sending = false;
    }
  }

  /** A mentor sends a parked or conflicting statement again (after fixing the cause at the LRS). */
  async retry(id: string): Promise<void> {
    try {
      await requeue(appDb(), id);
      await this.sendNow();
    } catch (e) {
      this.error = toStorageError(e);
    }
  }

  private follow(flusher: NonNullable<ReturnType<typeof outboxFlusher>>): void {
    this.status = flusher.status;
    if (this.followed) return;
    this.followed = true;
    this.stops.push(flusher.subscribe((s) => (this.status = s)));
  }
}
