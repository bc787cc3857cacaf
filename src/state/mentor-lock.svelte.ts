/**
 * Mentor mode: a PIN set on first use (storage keeps only a salted hash and the mentor key sealed under it), asked for
 * on later visits. Unlocked means holding the mentor's signing key, decrypted with the PIN; the tab keeps it sealed in
 * sessionStorage under a random key (see `MentorSession`), so a reload stays unlocked, and a trainee who sits down at
 * the PC later in the day finds it locked again. No value a script can type into storage unlocks it.
 */
import { openSession, sealSession, type MentorSession } from '../security/mentor-key.ts';
import type { SigningKey } from '../security/signature.ts';
import {
  getMentorKey,
  getMentorPin,
  setMentorPin,
  toStorageError,
  unlockMentor,
  type StorageError,
} from '../storage/index.ts';
import { appDb } from './db.ts';
import { newPinProblem, normalizePin, type PinProblem } from './mentor-pin.ts';

const SESSION = 'calldojo.mentorSession';

export type LockStatus = 'loading' | 'setup' | 'locked' | 'unlocked';
/** What went wrong with the last PIN entry, as a `review.pin.*` message key suffix. */
export type LockProblem = PinProblem | 'wrong' | 'name';

export class MentorLockState {
  status = $state<LockStatus>('loading');
  problem = $state<LockProblem | null>(null);
  busy = $state(false);
  /** Who is reviewing: recorded with every override and review so the audit trail says who changed what. */
  mentor = $state('');
  /** The mentor's staff number, if they gave it: corrections sent to an LRS carry it instead of the name. */
  staffNo = $state('');
  error = $state.raw<StorageError | null>(null);
  /** The mentor's signing key while unlocked: every correction is signed with it. */
  signer = $state.raw<SigningKey | null>(null);

  /** Bumped by `lock()`, so a `start()` still opening the tab's session cannot unlock it again afterwards. */
  private epoch = 0;

  constructor(private readonly session: Storage | undefined = safeSession()) {}

  /** Decides between first-time setup, the lock screen, or the tab's unlocked session. */
  async start(): Promise<void> {
    const epoch = this.epoch;
    try {
      const db = appDb();
      const stored = await getMentorPin(db);
      const sealed = await getMentorKey(db);
      const session = this.readSession();
      const signer = sealed && session ? await openSession(session, sealed) : null;
      if (epoch !== this.epoch) return;
      if (!stored) {
        this.clearSession(); // a PIN removed with the data cannot leave an old tab unlocked
        this.status = 'setup';
      } else if (signer && session) {
        this.signer = signer;
        this.mentor = session.name;
        this.staffNo = typeof session.staffNo === 'string' ? session.staffNo : '';
        this.status = 'unlocked';
      } else {
        this.clearSession();
        this.status = 'locked';
      }
    } catch (e) {
      this.error = toStorageError(e);
      this.status = 'locked';
    }
  }

  /** Saves the first PIN (typed twice) and unlocks this tab. */
  async setPin(name: string, pin: string, confirm: string, staffNo = ''): Promise<void> {
    this.problem = !name.trim() ? 'name' : newPinProblem(pin, confirm);
    if (this.problem) return;
    await this.run(async () => {
      await setMentorPin(appDb(), normalizePin(pin));
      await this.open(name.trim(), normalizePin(pin), staffNo.trim());
    });
  }

  /** Unlocks this tab when the PIN decrypts the mentor key. */
  async unlock(name: string, pin: string, staffNo = ''): Promise<void> {
    this.problem = !name.trim() ? 'name' : null;
    if (this.problem) return;
    await this.run(async () => {
      if (!(await this.open(name.trim(), normalizePin(pin), staffNo.trim()))) this.problem = 'wrong';
    });
  }

  /** Locks the tab again (the mentor leaves the PC to a trainee). */
  lock(): void {
    this.epoch++;
    this.clearSession();
    this.signer = null;
    this.mentor = '';
    this.staffNo = '';
    this.problem = null;
    this.status = 'locked';
  }

  /** Decrypts the mentor key with `pin`; false when it does not open. */
  private async open(name: string, pin: string, staffNo = ''): Promise<boolean> {
    const db = appDb();
    const signer = await unlockMentor(db, pin);
    if (!signer) return false;
    const sealed = await getMentorKey(db);
    const session = sealed && (await sealSession(pin, sealed));
    this.signer = signer;
    this.mentor = name;
    this.staffNo = staffNo;
    this.problem = null;
    this.status = 'unlocked';
    try {
      if (session) this.session?.setItem(SESSION, JSON.stringify({ name, staffNo, ...session }));
    } catch {
      // storage disabled: unlocked until the page reloads
    }
    return true;
  }

  private async run(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await fn();
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.busy = false;
    }
  }

  private readSession(): (MentorSession & { name: string; staffNo?: string }) | null {
    try {
      const value: unknown = JSON.parse(this.session?.getItem(SESSION) ?? 'null');
      if (!value || typeof value !== 'object') return null;
      const { name, key, iv, wrapped, staffNo } = value as Record<string, unknown>;
      const texts = [name, key, iv, wrapped].every((v) => typeof v === 'string' && v.length > 0);
      const staff = typeof staffNo === 'string' ? { staffNo } : {};
      return texts
        ? { name: name as string, key: key as string, iv: iv as string, wrapped: wrapped as string, ...staff }
        : null;
    } catch {
      return null;
    }
  }

  private clearSession(): void {
    try {
      this.session?.removeItem(SESSION);
    } catch {
      // nothing to clear
    }
  }
}

function safeSession(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The one lock of this tab, shared by every review page. */
export const mentorLock = new MentorLockState();
