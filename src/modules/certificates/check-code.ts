import { createHash, timingSafeEqual } from 'node:crypto';

/** Crockford base32: digits and letters without I, L, O and U, so nothing on paper reads two ways. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_CODE_LENGTH = 8;

/**
 * The short check code printed next to the certificate number, for verifying from paper: 40 bits of
 * a hash of the certificate's long random verification code. It can only be computed by someone who
 * knows that secret (192 random bits), never from the number, which is sequential. Derived rather
 * than stored, so every certificate has one, old ones included.
 */
export function checkCodeOf(verifyCode: string): string {
  const digest = createHash('sha256').update(`takaru-skills-check-code:${verifyCode}`).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]!);
  let out = '';
  for (let i = CHECK_CODE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** The check code as printed and shown: two groups of four, `7KQ2-MX9D`. */
export function printedCheckCode(verifyCode: string): string {
  const code = checkCodeOf(verifyCode);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A typed check code in canonical form, or null when it cannot be one: case and separators
 * (spaces, dashes, dots) do not matter, and O, I and L are read as 0, 1 and 1 (Crockford).
 */
export function normaliseCheckCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s.\-_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CHECK_CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
export function checkCodeMatches(verifyCode: string, typed: string): boolean {
  return timingSafeEqual(Buffer.from(checkCodeOf(verifyCode)), Buffer.from(typed.padEnd(CHECK_CODE_LENGTH).slice(0, CHECK_CODE_LENGTH)));
}

/**
 * A typed certificate number in canonical form (`TKR/2025/LAS/000001`), or null: case, spaces and
 * the separator (`/`, `-`, `.` or a space) do not matter, and a short sequence is padded
 * (`tkr 2025 las 1`).
 */
export function normaliseNumber(input: string): string | null {
  const parts = input.trim().toUpperCase().split(/[\s/\\.\-]+/).filter(Boolean);
  if (parts.length !== 4) return null;
  const [prefix, year, code, seq] = parts as [string, string, string, string];
  if (prefix !== 'TKR' || !/^\d{4}$/.test(year) || !/^[A-Z0-9]{2,4}$/.test(code) || !/^\d{1,6}$/.test(seq)) return null;
  return `TKR/${year}/${code}/${seq.padStart(6, '0')}`;
}
