import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Formatters } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import type { CertificateState, ValidityRule } from './validity';
import { formatDay, roman, ruleInWords, statusInWords } from './wording';

export const actorOf = (req: Request) => req.user as Actor;
export const todayOf = (clock: Clock) => wibParts(clock.now()).date;

/** The words templates print for states and rules, in the page language (res.locals.t and fmt). */
export function wordsFor(res: Response) {
  const t = res.locals.t as TFunction;
  const fmt = res.locals.fmt as Formatters;
  return {
    status: (state: CertificateState) => statusInWords(t, fmt, state),
    rule: (rule: ValidityRule, state: CertificateState) => ruleInWords(t, fmt, rule, state),
    day: (date: string | null) => formatDay(fmt, date),
    roman,
  };
}

/** The string fields of a posted form, for re-rendering it (never the CSRF token). */
export function formValues(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(b).filter(([k, v]) => k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))));
}
