import type { TFunction } from 'i18next';
import type { Formatters } from '../../platform/i18n';
import { wibToUtc } from '../../platform/time';
import type { CertificateState, ValidityRule } from './validity';

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
/** KKNI levels are written in Roman numerals (KKNI II). */
export const roman = (level: number) => ROMAN[level] ?? String(level);

/** A WIB calendar date ("YYYY-MM-DD") in the page language. */
export function formatDay(fmt: Formatters, date: string | null): string {
  return date ? fmt.date(wibToUtc(date, '12:00')!) : '';
}

/**
 * The validity rule in words, with the date it currently runs to. A revoked certificate gets the rule
 * without a date: a date there would read as "valid until", and it is not valid at all.
 */
export function ruleInWords(t: TFunction, fmt: Formatters, rule: ValidityRule, state: CertificateState): string {
  if (state.status === 'revoked') {
    const kind = rule.kind === 'fixed_term' || rule.kind === 'continuity' || rule.kind === 'periodic' ? rule.kind : 'indefinite';
    return t(`certificates:rule_plain.${kind}`, { count: rule.years ?? 3, process: rule.process ?? '' });
  }
  const date = formatDay(fmt, state.validUntil);
  switch (rule.kind) {
    case 'fixed_term':
      return t('certificates:rule_words.fixed_term', { count: rule.years ?? 3, date });
    case 'continuity':
      return t('certificates:rule_words.continuity', { process: rule.process ?? '', date });
    case 'periodic':
      return t('certificates:rule_words.periodic', { process: rule.process ?? '', date });
    default:
      return t('certificates:rule_words.indefinite');
  }
}

/** The status in words with its date: "Berlaku s.d. 10 Mei 2026", "Gugur sejak 16 Jul 2026", … */
export function statusInWords(t: TFunction, fmt: Formatters, state: CertificateState): string {
  const until = formatDay(fmt, state.validUntil);
  const since = formatDay(fmt, state.endsOn);
  switch (state.status) {
    case 'valid':
      return until ? t('certificates:status_words.valid_until', { date: until }) : t('certificates:status_words.valid_indefinite');
    case 'expiring':
      return state.daysLeft === 0 ? t('certificates:status_words.expiring_today', { date: until }) : t('certificates:status_words.expiring', { date: until, count: state.daysLeft ?? 0 });
    case 'lapsed':
      return t('certificates:status_words.lapsed', { date: since, last: formatDay(fmt, state.lastUse) });
    case 'expired':
      return t('certificates:status_words.expired', { date: since });
    default:
      return t('certificates:status_words.revoked');
  }
}
