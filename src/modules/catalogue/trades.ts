/** The trades of LIK Takaru's workshops; labels are `catalogue:trades.<key>` (see the glossary). */
export { TRADES, type Trade } from '../../platform/glossary';

/** Proficiency per competency unit: 0 none · 1 under supervision · 2 with help · 3 independent · 4 can teach. */
export const LEVELS = [0, 1, 2, 3, 4] as const;
