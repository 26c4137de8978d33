import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { Schema, model } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/errors';

/** The one key that signs credentials and status lists; a fixed `_id`, so rotation would add a second id. */
export const CREDENTIAL_KEY_ID = 'credentials-ed25519-1';

/**
 * Ed25519 signing keys of the instance, kept in the database (not under DATA_DIR) so every web
 * process signs with the same key. The private key is a JWK: anyone who can read this collection can
 * sign credentials in the instance's name, as anyone who can write `certificates` can forge them.
 */
const signingKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** RFC 7638 thumbprint of the public key: the fragment of the key id in JWTs, the JWKS and did.json. */
    thumbprint: { type: String, required: true },
    publicJwk: { type: Object, required: true },
    privateJwk: { type: Object, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'signing_keys', minimize: false },
);
export const SigningKey = model('SigningKey', signingKeySchema);

export interface KeyPairJwk {
  thumbprint: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

const publicPart = (jwk: JWK): JWK => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });

/**
 * The signing key, made on first use. Two processes starting together may both generate one, but
 * only the first insert under the fixed `_id` is kept (the only atomic write on FerretDB); the other
 * reads and uses the winner's, so there is never a second key.
 */
export async function loadOrCreateSigningKey(now: Date): Promise<KeyPairJwk> {
  const found = await SigningKey.findById(CREDENTIAL_KEY_ID).lean();
  if (found) return { thumbprint: found.thumbprint, publicJwk: found.publicJwk as JWK, privateJwk: found.privateJwk as JWK };
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const publicJwk = publicPart(privateJwk);
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  try {
    await SigningKey.create({ _id: CREDENTIAL_KEY_ID, thumbprint, publicJwk, privateJwk, createdAt: now });
    return { thumbprint, publicJwk, privateJwk };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return loadOrCreateSigningKey(now);
  }
}
