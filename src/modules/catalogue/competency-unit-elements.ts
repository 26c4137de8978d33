import { asArray } from '../../platform/http/validate';
import type { Language } from '../../platform/i18n';
import { pickLanguage } from './localized';

/** An element of competency with its performance criteria (KUK), in both languages. */
export interface UnitElement {
  title: { id: string; en: string };
  criteria: { text: { id: string; en: string } }[];
}

/** One element as the unit form shows and posts it: criteria one per line in a textarea. */
export interface ElementRow {
  title_id: string;
  title_en: string;
  kuk_id: string;
  kuk_en: string;
}

/** An element ready to show: numbered, in the page language with the language actually used. */
export interface NumberedElement {
  no: string;
  title: string;
  lang: Language;
  criteria: { no: string; text: string; lang: Language }[];
}

export const MAX_ELEMENTS = 20;
export const MAX_CRITERIA = 20;
const FIELDS = ['el_title_id', 'el_title_en', 'el_kuk_id', 'el_kuk_en'] as const;

/** The element fields are on the form: a body without them (older forms, scripts) keeps the elements. */
export function hasElementFields(body: Record<string, unknown> | undefined): boolean {
  return !!body && FIELDS.some((f) => f in body);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The n-th values of the four repeated fields belong together; rows with nothing typed are left out. */
export function elementRowsFromBody(body: Record<string, unknown> | undefined): ElementRow[] {
  const cols = FIELDS.map((f) => asArray(body?.[f]) as unknown[]);
  const n = Math.min(Math.max(...cols.map((c) => c.length)), MAX_ELEMENTS + 10);
  const rows: ElementRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = { title_id: str(cols[0]![i]), title_en: str(cols[1]![i]), kuk_id: str(cols[2]![i]), kuk_en: str(cols[3]![i]) };
    if (Object.values(row).some((v) => v.trim() !== '')) rows.push(row);
  }
  return rows;
}

/** "1.2 Alat ukur dipilih" and "1. Persiapan" are pasted with their numbers: the numbers are ours. */
const stripNumber = (line: string) => line.replace(/^\s*\d+(\.\d+)*\.?\s+/, '').trim();
const lines = (text: string) => text.split(/\r?\n/).map(stripNumber).filter((l) => l !== '');

/**
 * The element rows checked and turned into elements. Problems are keyed `el_<n>` (n = the row's
 * number on the form, from 1) with a translation key, so each fieldset shows its own message.
 */
export function parseElementRows(rows: readonly ElementRow[]): { elements: UnitElement[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const elements: UnitElement[] = [];
  if (rows.length > MAX_ELEMENTS) errors.el_1 = 'competencies:validation.too_many_elements';
  rows.slice(0, MAX_ELEMENTS).forEach((row, i) => {
    const key = `el_${i + 1}`;
    const titleId = stripNumber(row.title_id);
    const titleEn = stripNumber(row.title_en);
    const kukId = lines(row.kuk_id);
    const kukEn = lines(row.kuk_en);
    if (!titleId) errors[key] = 'competencies:validation.element_title';
    else if (kukId.length === 0) errors[key] = 'competencies:validation.element_kuk';
    else if (kukId.length > MAX_CRITERIA || kukEn.length > MAX_CRITERIA) errors[key] = 'competencies:validation.too_many_kuk';
    else if (kukEn.length > 0 && kukEn.length !== kukId.length) errors[key] = 'competencies:validation.kuk_en_count';
    else if (titleId.length > 300 || titleEn.length > 300 || [...kukId, ...kukEn].some((l) => l.length > 500)) errors[key] = 'validation.too_long';
    else {
      elements.push({
        title: { id: titleId, en: titleEn },
        criteria: kukId.map((text, j) => ({ text: { id: text, en: kukEn[j] ?? '' } })),
      });
    }
  });
  return { elements, errors };
}

/** Elements as form rows (criteria one per line), for editing. */
export function toElementRows(elements: readonly UnitElement[]): ElementRow[] {
  return elements.map((e) => ({
    title_id: e.title.id,
    title_en: e.title.en,
    kuk_id: e.criteria.map((c) => c.text.id).join('\n'),
    kuk_en: e.criteria.every((c) => !c.text.en) ? '' : e.criteria.map((c) => c.text.en).join('\n'),
  }));
}

/** The rows to show: the given ones and `extra` empty ones to fill in (no script needed). */
export function padElementRows(rows: readonly ElementRow[], extra = 2): ElementRow[] {
  return [...rows, ...Array.from({ length: extra }, () => ({ title_id: '', title_en: '', kuk_id: '', kuk_en: '' }))];
}

/** Elements numbered 1, 2 … and their KUK 1.1, 1.2 …, in `lng` falling back to the other language. */
export function numberElements(elements: readonly UnitElement[], lng: Language): NumberedElement[] {
  return elements.map((e, i) => {
    const title = pickLanguage(e.title, lng);
    return {
      no: String(i + 1),
      title: title.text,
      lang: title.lng,
      criteria: e.criteria.map((c, j) => {
        const text = pickLanguage(c.text, lng);
        return { no: `${i + 1}.${j + 1}`, text: text.text, lang: text.lng };
      }),
    };
  });
}

/** A lean unit's stored elements as plain values (missing English becomes ''). */
export function elementsOf(raw: unknown): UnitElement[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: { title?: { id?: string; en?: string }; criteria?: { text?: { id?: string; en?: string } }[] }) => ({
    title: { id: e.title?.id ?? '', en: e.title?.en ?? '' },
    criteria: (e.criteria ?? []).map((c) => ({ text: { id: c.text?.id ?? '', en: c.text?.en ?? '' } })),
  }));
}
