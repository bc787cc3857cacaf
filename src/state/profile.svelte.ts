/** Who is practising on this shared PC: the profile list (live from storage) and the current choice. */
import type { StorageError } from '../storage/errors.ts';
import { watch } from '../storage/live.ts';
import { createProfile, listProfiles } from '../storage/profiles.ts';
import type { Profile } from '../storage/types.ts';
import { appDb } from './db.ts';

const KEY = 'calldojo.profile';

export class ProfileState {
  /** undefined until storage answers the first time (loading, not empty). */
  list = $state.raw<Profile[] | undefined>(undefined);
  currentId = $state<string | null>(readKey());
  error = $state.raw<StorageError | null>(null);
  // The selected profile, once the list has loaded and still contains it.
  current = $derived(this.list?.find((p) => p.id === this.currentId) ?? null);
  private stop: (() => void) | undefined;
  private watchFailed = false;

  /** Starts following the profile table (idempotent; a watch that failed, as when storage could not open, restarts). */
  start(): void {
    if (this.watchFailed) {
      this.stop?.();
      this.stop = undefined;
      this.watchFailed = false;
      this.error = null;
    }
    this.stop ??= watch(
      () => listProfiles(appDb()),
      (v) => (this.list = v),
      (e) => {
        this.error = e;
        this.watchFailed = true;
      },
    );
  }

  /** Creates a profile and makes it current; storage errors (duplicate staff number…) are kept in `error`. */
  async create(name: string, staffNo: string): Promise<Profile | null> {
    try {
      const p = await createProfile(appDb(), { name, staffNo });
      this.error = null;
      this.select(p.id);
      return p;
    } catch (e) {
      this.error = e as StorageError;
      return null;
    }
  }

  select(id: string | null): void {
    this.currentId = id;
    try {
      if (id) localStorage.setItem(KEY, id);
      else localStorage.removeItem(KEY);
    } catch {
      // storage disabled: the choice lasts for this tab only
    }
  }
}

function readKey(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export const profiles = new ProfileState();
