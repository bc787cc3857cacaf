import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/security/canonical.ts';
import { generateSigningKey, keyFingerprint, signText, verifyText } from '../../src/security/signature.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order, so field order does not change the text', () => {
    const a = { b: 1, a: { d: [3, { y: 1, x: 2 }], c: '张三' } };
    const b = { a: { c: '张三', d: [3, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"张三","d":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson({ a: [2, 1] })).not.toBe(canonicalJson({ a: [1, 2] }));
  });
});

describe('ECDSA P-256 signatures', () => {
  it('verifies what was signed and names the signer by a stable fingerprint', async () => {
    const key = await generateSigningKey();
    expect(key.privateKey.extractable).toBe(false);
    expect(Object.keys(key.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const sig = await signText(key, '{"a":"王小明"}');
    expect(sig.alg).toBe('ECDSA-P256-SHA256');
    const result = await verifyText('{"a":"王小明"}', sig);
    expect(result).toEqual({ ok: true, fingerprint: await keyFingerprint(key.publicJwk) });
    expect(result.ok && result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects changed text, another key, a mangled value, a bad key or another algorithm, saying which', async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const sig = await signText(key, 'payload');
    expect(await verifyText('payloaD', sig)).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(await verifyText('payload', { ...sig, publicKey: other.publicJwk })).toMatchObject({
      ok: false,
      problem: 'mismatch',
    });
    const flipped = (sig.value[0] === 'A' ? 'B' : 'A') + sig.value.slice(1);
    expect(await verifyText('payload', { ...sig, value: flipped })).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(await verifyText('payload', { ...sig, value: '%%%' })).toMatchObject({ ok: false, problem: 'bad_value' });
    expect(
      await verifyText('payload', { ...sig, publicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' } }),
    ).toMatchObject({ ok: false, problem: 'bad_key' });
    expect(await verifyText('payload', { ...sig, alg: 'none' as 'ECDSA-P256-SHA256' })).toMatchObject({
      ok: false,
      problem: 'unsupported_alg',
    });
  });
});
