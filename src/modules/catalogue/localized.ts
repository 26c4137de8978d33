import type { Language } from '../../platform/i18n';

/** Text kept in both languages, either of which may be empty. */
export interface Bilingual {
  id?: string | null;
  en?: string | null;
}

/**
 * The text in the page language, else in the other one, with the language actually used, so a
 * page can mark a fallback with a `lang` attribute (screen readers then pronounce it right).
 */
export function pickLanguage(text: Bilingual | null | undefined, lng: Language): { text: string; lng: Language } {
  const other: Language = lng === 'id' ? 'en' : 'id';
  const wanted = text?.[lng]?.trim();
  if (wanted) return { text: wanted, lng };
  const fallback = text?.[other]?.trim();
  return fallback ? { text: fallback, lng: other } : { text: '', lng };
}

/** The text in the page language, falling back to the other language. */
export function localized(text: Bilingual | null | undefined, lng: Language): string {
  return pickLanguage(text, lng).text;
}

/**
 * A course's title in the page language, falling back to the other language. Takes any object with
 * a bilingual `title` (a lean course, a summary), so other modules need not know the model.
 */
export function courseTitle(course: { title?: Bilingual | null } | null | undefined, lng: Language): string {
  return localized(course?.title, lng);
}
