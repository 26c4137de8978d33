import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Indonesian numbers in any common spelling (0812-…, +62 812 …, 62812…) to E.164, or null if not a valid number. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'ID');
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** A login name is an email when it has an @, else a phone number. Null when it is neither. */
export function parseIdentifier(input: string): Identifier | null {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return { kind: 'email', value: normalizeEmail(trimmed) };
  const phone = normalizePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** 0812-3456-7890 style for display: how people in Tegal write their numbers. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatNational() : e164;
}
