import type { Language } from './i18n';

/**
 * The one vocabulary of the app: the trades and the states every page, export, PDF and email
 * names. Each term's labels live under one locale key (`<labels>.<code>`) in both languages and
 * nowhere else; `forbidden` lists the other spellings people (and translators) drifted into, which
 * test/unit/glossary.test.ts refuses anywhere in the locale files — add a variant here when you
 * find one, so it cannot come back.
 */
export interface GlossaryTerm {
  /** The locale key of the label: one label per code under it (`<labels>.<code>`), or the label itself without codes. */
  labels: string;
  codes: readonly string[];
  /** Whole-word spellings (case-insensitive) that must not appear in any string of that language. */
  forbidden: Record<Language, readonly string[]>;
}

/** The trades of LIK Takaru's workshops. */
export const TRADES = ['welding', 'machining', 'casting', 'sheet_metal', 'qc', 'assembly', 'safety'] as const;
export type Trade = (typeof TRADES)[number];

/**
 * Spellings the worker import accepts besides the codes and the labels in both languages (compared
 * squashed: letters and digits only, lower case). The old labels of the workers' pages stay here so
 * that files filled in before the vocabulary was unified still import.
 */
export const TRADE_ALIASES: Readonly<Record<string, Trade>> = {
  las: 'welding', bubut: 'machining', frais: 'machining', cnc: 'machining', permesinan: 'machining',
  cor: 'casting', plat: 'sheet_metal', pelat: 'sheet_metal', platlogam: 'sheet_metal',
  mutu: 'qc', kendalimutu: 'qc', qualitycontrol: 'qc', k3: 'safety', keselamatankerja: 'safety', rakit: 'assembly',
};

/** The word for the trade itself ("Bidang" / "Trade"), in every column header, filter and field label. */
export const GLOSSARY = {
  trade: {
    labels: 'catalogue:trades',
    codes: TRADES,
    forbidden: { id: ['permesinan', 'kendali mutu'], en: [] },
  },
  /** The word for the trade itself ("Bidang" / "Trade") in every header, filter and field label. */
  tradeWord: {
    labels: 'catalogue:fields.trade',
    codes: [],
    forbidden: { id: ['keahlian', 'bidang keahlian'], en: ['skill area'] },
  },
  certificateStatus: {
    labels: 'certificates:status',
    codes: ['valid', 'expiring', 'lapsed', 'expired', 'revoked'],
    // "lapse" was left untranslated in the continuity log and the reports while certificates said "Gugur".
    forbidden: { id: ['lapse', 'lapsed', 'habis', 'kadaluarsa', 'kadaluwarsa', 'daluwarsa'], en: ['voided'] },
  },
  /** The wait-list of a class ("daftar tunggu" / "wait-list"), as a page title and in every message. */
  waitList: {
    labels: 'calendar:waitlist.title',
    codes: [],
    forbidden: { id: ['antrian'], en: ['waiting list', 'waitlist'] },
  },
  /** A meeting as the session and attendance pages show it (scheduling's `meetingState`). */
  meetingStatus: {
    labels: 'scheduling:meetings',
    codes: ['upcoming', 'in_progress', 'past', 'cancelled'],
    forbidden: { id: [], en: ['ongoing'] },
  },
} as const satisfies Record<string, GlossaryTerm>;
