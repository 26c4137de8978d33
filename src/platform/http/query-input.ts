import { parse } from 'node:querystring';
import type { RequestHandler } from 'express';

/**
 * The app's query parser: one string per key, the first when a key repeats. No page reads a
 * repeated parameter (filter forms have no multi-selects), and `?q=a&q=b` arriving as an array
 * broke every filter that expects a string; nested `a[b]=` syntax stays plain text as before.
 */
export function firstValueQuery(text: string): Record<string, string> {
  const parsed = parse(text, '&', '=', { maxKeys: 200 });
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(parsed)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

// Tab, LF and CR are left out: people paste them into search fields; nothing else below 0x20 is text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Refuses a query string with a NUL or other control character (400, the bad-request page): BSON
 * cannot carry a NUL in a regular expression, so such a search failed in the driver as a 500.
 */
export const rejectControlCharacters: RequestHandler = (req, _res, next) => {
  const query = req.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    if (CONTROL.test(key) || (typeof value === 'string' && CONTROL.test(value))) {
      next(Object.assign(new Error('control character in query string'), { status: 400 }));
      return;
    }
  }
  next();
};
