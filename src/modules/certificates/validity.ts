import { addDays, wibParts } from '../../platform/time';
import { CONTINUITY_MONTHS, addMonthsWib, continuityChain } from '../continuity';

/**
 * Certificate validity, as pure date arithmetic on WIB calendar dates ("YYYY-MM-DD"). The status is
 * computed whenever a certificate is read and never stored, so it cannot go stale.
 *
 * Definitions (see README.md):
 * - "n months after D" is the same day of the month n months later, clamped to the last day of a
 *   shorter month: 31 Aug + 6 months = 28 Feb (29 in a leap year); 29 Feb 2024 + 36 months = 28 Feb 2027.
 * - A date a rule names (the anniversary of a fixed term, six months after the last use, a two-year
 *   checkpoint) is the **last day of validity** (`validUntil`), valid through that whole WIB day; the
 *   certificate has ended from the next day on (`endsOn`).
 * - Rules: `fixed_term` (valid until issue + `years`); `continuity` for a welding process (valid
 *   until six months after the last use of an unbroken chain of uses from the issue date: AWS D1.1,
 *   ISO 9606-1, PER.02/MEN/1982; once a gap exceeds six months it has lapsed for good, and later
 *   uses only mark it as needing a re-test); `periodic` (ISO 9606-1 route b: at every two-year
 *   checkpoint after issue there must be two test welds of the process dated within the six months up
 *   to and including the checkpoint, else it expired at that checkpoint); `indefinite`.
 * - Status: `revoked` when revoked; `lapsed` (continuity) or `expired` (other rules) after the last
 *   day; `expiring` when the last day is at most 90 days away (0 = today is the last day); else `valid`.
 */

export const VALIDITY_KINDS = ['fixed_term', 'continuity', 'periodic', 'indefinite'] as const;
export type ValidityKind = (typeof VALIDITY_KINDS)[number];
export const CERTIFICATE_STATUSES = ['valid', 'expiring', 'lapsed', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const EXPIRING_DAYS = 90;
export { CONTINUITY_MONTHS };
export const PERIODIC_MONTHS = 24;
export const PERIODIC_TEST_WELDS = 2;
export const DEFAULT_TERM_YEARS = 3;
const DAY_MS = 86_400_000;

export interface ValidityRule {
  kind: ValidityKind;
  /** fixed_term only: whole years (default 3). */
  years?: number | null;
  /** continuity and periodic: the welding process (SMAW, GMAW, GTAW, FCAW). */
  process?: string | null;
}

export interface StatusFacts {
  issueDate: Date;
  /** A ValidityRule as stored (kind as a plain string; an unknown kind counts as indefinite). */
  validity: { kind: string; years?: number | null; process?: string | null };
  revokedAt?: Date | null;
}

/** A continuity log entry of the holder (entries of other processes are ignored). */
export interface Evidence {
  process: string;
  date: Date;
  kind?: 'use' | 'test_weld' | string | null;
}

export interface CertificateState {
  status: CertificateStatus;
  /** Last WIB day of validity; null for an indefinite certificate. */
  validUntil: string | null;
  /** The first day it is no longer valid (validUntil + 1); null for an indefinite certificate. */
  endsOn: string | null;
  /** Whole days from today to validUntil (0 = today is the last day); null when ended, revoked or indefinite. */
  daysLeft: number | null;
  /** continuity: the last use of the unbroken chain from the issue date (the issue date when none). */
  lastUse: string | null;
  /** continuity: lapsed, and the process was used again after it lapsed: only a new test restores it. */
  needsRetest: boolean;
}

/** A WIB calendar date moved by whole months, the day clamped to a shorter month's end: the one definition, the continuity module's. */
export const addMonths = addMonthsWib;

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(to) - t(from)) / DAY_MS);
}

export const wibDate = (at: Date) => wibParts(at).date;

/** The WIB dates of the holder's entries for `process`, up to today, optionally of one kind. */
function datesOf(evidence: readonly Evidence[], process: string | null | undefined, today: string, kind?: string): string[] {
  return evidence
    .filter((e) => e.process === process && (!kind || e.kind === kind))
    .map((e) => wibDate(e.date))
    .filter((d) => d <= today);
}

/** The last day of validity under the rule, and the last use for continuity. */
function lastDay(facts: StatusFacts, evidence: readonly Evidence[], today: string): { validUntil: string | null; lastUse: string | null; needsRetest?: boolean } {
  const issue = wibDate(facts.issueDate);
  const rule = facts.validity;
  switch (rule.kind) {
    case 'fixed_term':
      return { validUntil: addMonths(issue, 12 * (rule.years ?? DEFAULT_TERM_YEARS)), lastUse: null };
    case 'continuity': {
      const chain = continuityChain(issue, datesOf(evidence, rule.process, today));
      return { validUntil: chain.coveredUntil, lastUse: chain.lastUse, needsRetest: chain.usesAfterLapse > 0 };
    }
    case 'periodic': {
      const welds = datesOf(evidence, rule.process, today, 'test_weld');
      for (let k = 1; ; k++) {
        const checkpoint = addMonths(issue, PERIODIC_MONTHS * k);
        const from = addMonths(checkpoint, -CONTINUITY_MONTHS);
        const inWindow = welds.filter((d) => d >= from && d <= checkpoint).length;
        // A met checkpoint carries the certificate on to the next one; the first unmet one is its last
        // day (ahead: the welds can still be made until then; past: it expired there). Welds are dated
        // up to today, so a checkpoint whose window has not begun is never met: the loop ends.
        if (inWindow < PERIODIC_TEST_WELDS) return { validUntil: checkpoint, lastUse: null };
      }
    }
    default:
      return { validUntil: null, lastUse: null };
  }
}

/**
 * The status of a certificate on the WIB day of `now`, from its issue date, validity rule, revocation
 * and the holder's continuity log (`evidence`: entries of any process; only the rule's counts, and
 * only those dated up to today).
 */
export function certificateStatus(facts: StatusFacts, evidence: readonly Evidence[], now: Date): CertificateState {
  const today = wibDate(now);
  const { validUntil, lastUse, needsRetest = false } = lastDay(facts, evidence, today);
  const endsOn = validUntil ? addDays(validUntil, 1) : null;
  const base = { validUntil, endsOn, lastUse, needsRetest };
  if (facts.revokedAt) return { status: 'revoked', ...base, daysLeft: null, needsRetest: false };
  if (!validUntil) return { status: 'valid', ...base, daysLeft: null };
  const daysLeft = daysBetween(today, validUntil);
  if (daysLeft < 0) return { status: facts.validity.kind === 'continuity' ? 'lapsed' : 'expired', ...base, daysLeft: null };
  return { status: daysLeft <= EXPIRING_DAYS ? 'expiring' : 'valid', ...base, daysLeft };
}
