/**
 * This device's bundle-signing key and the check of a bundle's signature. The private key is a non-extractable
 * CryptoKey stored as such in `deviceKeys` (IndexedDB keeps CryptoKeys by structured clone), so no script can read
 * it out; other devices' public keys are kept there too (privateKey null) so imports can say whether a signer is known.
 */
import { canonicalJson } from '../security/canonical.ts';
import { generateSigningKey, keyFingerprint, signText, verifyText, type SigningKey } from '../security/signature.ts';
import type { BundlePayload, SignedBundle } from './bundle.ts';
import { signatureSchema } from './bundle.ts';
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import type { DeviceKey } from './types.ts';
import type { Problem } from './validate.ts';

async function ownKey(db: CallDojoDb): Promise<DeviceKey | undefined> {
  return (await db.deviceKeys.toArray()).find((k) => k.privateKey !== null);
}

/** This device's signing key, created on first use; its id is the public key's fingerprint. */
export function deviceKey(db: CallDojoDb): Promise<DeviceKey & { privateKey: CryptoKey }> {
  return guard(async () => {
    const found = await ownKey(db);
    if (found) return found as DeviceKey & { privateKey: CryptoKey };
    // Generated outside the transaction (IndexedDB would commit while waiting on WebCrypto); the transaction then
    // keeps the key another tab may have stored meanwhile, so a device never ends up with two.
    const fresh = await generateSigningKey();
    const row: DeviceKey & { privateKey: CryptoKey } = {
      id: await keyFingerprint(fresh.publicJwk),
      label: 'this device',
      publicJwk: fresh.publicJwk,
      privateKey: fresh.privateKey,
      createdAt: Date.now(),
    };
    return db.transaction('rw', db.deviceKeys, async () => {
      const raced = await ownKey(db);
      if (raced) return raced as DeviceKey & { privateKey: CryptoKey };
      await db.deviceKeys.add(row);
      return row;
    });
  });
}

/** Signs the canonical JSON of `payload` with this device's key. */
export async function signBundle(db: CallDojoDb, payload: BundlePayload): Promise<SignedBundle> {
  const key = await deviceKey(db);
  const signing: SigningKey = { publicJwk: key.publicJwk, privateKey: key.privateKey };
  return { ...payload, signature: await signText(signing, canonicalJson(payload)) };
}

export type SignatureCheck =
  | { ok: true; fingerprint: string }
  | {
      ok: false;
      code: 'bundle_signature_missing' | 'bundle_signature_malformed' | 'bundle_signature_invalid';
      message: string;
      hint: string;
    };

/** Checks a version 2 file's signature over everything else in it; says exactly what is wrong when it fails. */
export async function checkSignature(data: Record<string, unknown>): Promise<SignatureCheck> {
  const hint =
    'Do not edit export files. Ask for a fresh export from the PC that made it and import that file instead.';
  const { signature, ...payload } = data;
  if (signature === undefined) {
    return {
      ok: false,
      code: 'bundle_signature_missing',
      message: 'The file has no signature, so whether it was changed cannot be checked; it was not imported.',
      hint,
    };
  }
  const problems: Problem[] = [];
  signatureSchema(signature, '$.signature', problems);
  if (problems.length) {
    const p = problems[0];
    return {
      ok: false,
      code: 'bundle_signature_malformed',
      message: `The file's signature is damaged (${p.path}: ${p.message}); it was not imported.`,
      hint,
    };
  }
  const result = await verifyText(canonicalJson(payload), signature as SignedBundle['signature']);
  if (result.ok) return result;
  return {
    ok: false,
    code: 'bundle_signature_invalid',
    message: `The file was changed after it was exported: ${result.message}. Nothing was imported.`,
    hint,
  };
}
