/** Checks a new mentor PIN as typed, before it is hashed and stored, so the form can say what is wrong. */
import { isValidPin, normalizePin } from '../security/pin.ts';

/** What is wrong with a PIN entry, as a `review.pin.problem.*` message key suffix. */
export type PinProblem = 'format' | 'mismatch';

/** The first problem with a new PIN and its confirmation, or null when it can be saved. */
export function newPinProblem(pin: string, confirm: string): PinProblem | null {
  if (!isValidPin(pin)) return 'format';
  // Compared normalised: full-width digits from a Chinese IME are the same PIN as ASCII ones.
  return normalizePin(pin) === normalizePin(confirm) ? null : 'mismatch';
}

export { normalizePin };
