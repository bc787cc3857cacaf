/**
 * A hash chain over audit entries: each entry carries the hash of the one before it and a hash of itself, signed with
 * the mentor key. Editing an entry breaks its hash, removing one breaks the next entry's link (or, for the newest,
 * the head kept beside the chain), and an entry written without the mentor key has no valid signature.
 */
import { canonicalJson } from './canonical.ts';
import { keyFingerprint, signText, verifyText, type Signature, type SigningKey } from './signature.ts';
import { subtle } from './webcrypto.ts';

export interface AuditLink {
  /** The previous entry's hash ('' for the first entry). */
  prev: string;
  /** Hex SHA-256 of the canonical JSON of the entry (without its link) and `prev`. */
  hash: string;
  /** The mentor key's signature over `hash`; null when the entry was written without one. */
  signature: Signature | null;
}

export type Chained<T> = T & { chain?: AuditLink };

/** What is wrong with one entry (or, for `tail_removed`, with the end of the chain). */
export type AuditProblem =
  | { kind: 'edited' | 'removed_before' | 'unsigned' | 'bad_signature' | 'other_signer' | 'unchained'; id: string }
  | { kind: 'tail_removed' };

async function sha256Hex(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function hashOf<T extends object>(entry: Chained<T>, prev: string): Promise<string> {
  const { chain: _link, ...body } = entry;
  return sha256Hex(canonicalJson({ body, prev }));
}

/** The link a new entry would point back to: the last entry's hash, '' when there is none. */
export function headOf(entries: readonly Chained<{ id: string }>[]): string {
  const last = entries.at(-1);
  return last ? (last.chain?.hash ?? `unchained:${last.id}`) : '';
}

/** `entry` with its link after `prev`, signed with `signer` when given. */
export async function chainEntry<T extends object>(
  entry: T,
  prev: string,
  signer: SigningKey | null,
): Promise<T & { chain: AuditLink }> {
  const hash = await hashOf(entry, prev);
  return { ...entry, chain: { prev, hash, signature: signer ? await signText(signer, hash) : null } };
}

/**
 * Every problem with `entries` (in chain order) and the `head` stored beside them. `mentorKey` is the fingerprint of
 * this PC's mentor key: entries signed by another key are reported as such, since any script can make a key.
 */
export async function checkChain(
  entries: readonly Chained<{ id: string }>[],
  head: string | undefined,
  mentorKey: string | null,
): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  let prev = '';
  for (const entry of entries) {
    const link = entry.chain;
    if (!link) {
      problems.push({ kind: 'unchained', id: entry.id });
      prev = `unchained:${entry.id}`;
      continue;
    }
    if (link.prev !== prev) problems.push({ kind: 'removed_before', id: entry.id });
    if ((await hashOf(entry, link.prev)) !== link.hash) problems.push({ kind: 'edited', id: entry.id });
    else if (!link.signature) problems.push({ kind: 'unsigned', id: entry.id });
    else if (!(await verifyText(link.hash, link.signature)).ok) problems.push({ kind: 'bad_signature', id: entry.id });
    else if ((await keyFingerprint(link.signature.publicKey)) !== mentorKey)
      problems.push({ kind: 'other_signer', id: entry.id });
    prev = link.hash;
  }
  // A chain without its head had its head removed with it (reviews from before the chain have neither).
  if (head === undefined ? entries.some((e) => e.chain) : head !== prev) problems.push({ kind: 'tail_removed' });
  return problems;
}
