/**
 * Mentor mode: a PIN set on first use (storage keeps only a salted hash), asked for on later visits. Unlocking lasts
 * for this browser tab (sessionStorage), so a trainee who sits down at the PC later in the day finds it locked again.
 */
import { checkMentorPin, getMentorPin, setMentorPin, toStorageError, type StorageError } from '../storage/index.ts';
import { appDb } from './db.ts';
import { newPinProblem, normalizePin, type PinProblem } from './mentor-pin.ts';

const FLAG = 'calldojo.mentor';

export type LockStatus = 'loading' | 'setup' | 'locked' | 'unlocked';
/** What went wrong with the last PIN entry, as a `review.pin.*` message key suffix. */
export type LockProblem = PinProblem | 'wrong' | 'name';

export class MentorLockState {
  status = $state<LockStatus>('loading');
  problem = $state<LockProblem | null>(null);
  busy = $state(false);
  /** Who is reviewing: recorded with every override and review so the audit trail says who changed what. */
  mentor = $state('');
  error = $state.raw<StorageError | null>(null);

  constructor(private readonly session: Storage | undefined = safeSession()) {}

  /** Decides between first-time setup, the lock screen, or the tab's unlocked session. */
  async start(): Promise<void> {
    try {
      const stored = await getMentorPin(appDb());
      const flag = this.readFlag();
      if (!stored) {
        this.clearFlag(); // a PIN removed with the data cannot leave an old tab unlocked
        this.status = 'setup';
      } else if (flag) {
        this.mentor = flag;
        this.status = 'unlocked';
      } else this.status = 'locked';
    } catch (e) {
      this.error = toStorageError(e);
      this.status = 'locked';
    }
  }

  /** Saves the first PIN (typed twice) and unlocks this tab. */
  async setPin(name: string, pin: string, confirm: string): Promise<void> {
    this.problem = !name.trim() ? 'name' : newPinProblem(pin, confirm);
    if (this.problem) return;
    await this.run(async () => {
      await setMentorPin(appDb(), normalizePin(pin));
      this.open(name.trim());
    });
  }

  /** Unlocks this tab when the PIN matches the stored hash. */
  async unlock(name: string, pin: string): Promise<void> {
    this.problem = !name.trim() ? 'name' : null;
    if (this.problem) return;
    await this.run(async () => {
      if (await checkMentorPin(appDb(), normalizePin(pin))) this.open(name.trim());
      else this.problem = 'wrong';
    });
  }

  /** Locks the tab again (the mentor leaves the PC to a trainee). */
  lock(): void {
    this.clearFlag();
    this.mentor = '';
    this.problem = null;
    this.status = 'locked';
  }

  private open(name: string): void {
    this.mentor = name;
    this.problem = null;
    this.status = 'unlocked';
    try {
      this.session?.setItem(FLAG, name);
    } catch {
      // storage disabled: unlocked until the page reloads
    }
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

  private readFlag(): string | null {
    try {
      return this.session?.getItem(FLAG) || null;
    } catch {
      return null;
    }
  }

  private clearFlag(): void {
    try {
      this.session?.removeItem(FLAG);
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
