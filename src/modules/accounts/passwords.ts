import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (64 MiB, t=3, p=4): OWASP's recommended family for password hashing. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so a response time does not tell whether an account exists. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('takaru-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}

/** A strong password for accounts made by a script: 24 base64url characters, 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
