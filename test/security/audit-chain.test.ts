import { describe, expect, it } from 'vitest';
import { chainEntry, checkChain, headOf } from '../../src/security/audit-chain.ts';
import { createMentorKey, unlockMentorKey } from '../../src/security/mentor-key.ts';
import { generateSigningKey, keyFingerprint, type SigningKey } from '../../src/security/signature.ts';

async function mentor(): Promise<SigningKey> {
  return (await unlockMentorKey('1234', await createMentorKey('1234', 1000)))!;
}

/** Three corrections chained and signed by `signer`, and the head kept beside them. */
async function trail(signer: SigningKey | null) {
  const entries: { id: string; reason: string; chain?: Awaited<ReturnType<typeof chainEntry>>['chain'] }[] = [];
  for (const [id, reason] of [
    ['o1', '误判'],
    ['o2', '复述'],
    ['o3', '已核实'],
  ])
    entries.push(await chainEntry({ id, reason }, headOf(entries), signer));
  return { entries, head: headOf(entries) };
}

describe('hash-chained audit trail', () => {
  it('an intact trail signed by this PC’s mentor key has no problem', async () => {
    const key = await mentor();
    const { entries, head } = await trail(key);
    expect(entries[0].chain!.prev).toBe('');
    expect(entries[1].chain!.prev).toBe(entries[0].chain!.hash);
    expect(await checkChain(entries, head, await keyFingerprint(key.publicJwk))).toEqual([]);
  });

  it('names a removed entry, an edited one, and a removed newest entry', async () => {
    const key = await mentor();
    const me = await keyFingerprint(key.publicJwk);
    const { entries, head } = await trail(key);
    expect(await checkChain([entries[0], entries[2]], head, me)).toEqual([{ kind: 'removed_before', id: 'o3' }]);
    expect(await checkChain([entries[0], { ...entries[1], reason: '学员同意' }, entries[2]], head, me)).toEqual([
      { kind: 'edited', id: 'o2' },
    ]);
    expect(await checkChain(entries.slice(0, 2), head, me)).toEqual([{ kind: 'tail_removed' }]);
    // The head removed with the newest entry: a chained trail without a head is missing its end.
    expect(await checkChain(entries.slice(0, 2), undefined, me)).toEqual([{ kind: 'tail_removed' }]);
    expect(await checkChain([], head, me)).toEqual([{ kind: 'tail_removed' }]);
  });

  it('tells unsigned entries, bad signatures and other keys’ signatures apart', async () => {
    const key = await mentor();
    const me = await keyFingerprint(key.publicJwk);
    const unsigned = await trail(null);
    expect(await checkChain(unsigned.entries, unsigned.head, me)).toEqual(
      ['o1', 'o2', 'o3'].map((id) => ({ kind: 'unsigned', id })),
    );
    // Anyone can make a key and re-chain forged entries: they verify, but not as this PC's mentor.
    const forger = await generateSigningKey();
    const forged = await trail(forger);
    expect((await checkChain(forged.entries, forged.head, me)).map((p) => p.kind)).toEqual([
      'other_signer',
      'other_signer',
      'other_signer',
    ]);
    const signed = await trail(key);
    const swapped = {
      ...signed.entries[0],
      chain: {
        ...signed.entries[0].chain!,
        signature: { ...signed.entries[0].chain!.signature!, publicKey: forger.publicJwk },
      },
    };
    expect(await checkChain([swapped, ...signed.entries.slice(1)], signed.head, me)).toEqual([
      { kind: 'bad_signature', id: 'o1' },
    ]);
  });

  it('reports corrections stored before the chain as unchained, and chains on after them', async () => {
    const key = await mentor();
    const old = { id: 'o0', reason: '旧记录' };
    const next = await chainEntry({ id: 'o1', reason: '新' }, headOf([old]), key);
    expect(await checkChain([old, next], next.chain.hash, await keyFingerprint(key.publicJwk))).toEqual([
      { kind: 'unchained', id: 'o0' },
    ]);
    expect(await checkChain([old], undefined, null)).toEqual([{ kind: 'unchained', id: 'o0' }]);
  });
});
