/** Welding processes whose continuity is tracked (AWS D1.1, ISO 9606-1, Permenaker PER.02/MEN/1982). */
export const PROCESSES = ['SMAW', 'GMAW', 'GTAW', 'FCAW'] as const;
export type WeldingProcess = (typeof PROCESSES)[number];
