import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * One-time form tokens: a create form carries a random token in a hidden field; the service claims
 * `form:<kind>:<token>` (platform/db/claims.ts) before it creates anything, so a double click, a
 * resent request or four parallel posts of one form make one record.
 */
export const newFormToken = () => randomBytes(18).toString('base64url');

const FORM_TOKEN = /^[A-Za-z0-9_-]{24,64}$/;

/** The posted token; a missing or malformed one only means no de-duplication, never a refusal. */
export const formTokenField = z.string().regex(FORM_TOKEN).optional().catch(undefined);

/** The token to render: the submitted one when a form comes back with errors (nothing was claimed), else a new one. */
export function formTokenFor(values: Record<string, unknown>): string {
  const posted = values.formToken;
  return typeof posted === 'string' && FORM_TOKEN.test(posted) ? posted : newFormToken();
}
