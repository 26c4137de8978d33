/** The trades of LIK Takaru's workshops; labels are `catalogue:trades.<key>` in both languages. */
export const TRADES = ['welding', 'machining', 'casting', 'sheet_metal', 'qc', 'assembly', 'safety'] as const;
export type Trade = (typeof TRADES)[number];

/** Proficiency per competency unit: 0 none · 1 under supervision · 2 with help · 3 independent · 4 can teach. */
export const LEVELS = [0, 1, 2, 3, 4] as const;
