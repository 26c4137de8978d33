import { gain, normalisedGain } from '../assessments';
import { wibParts } from '../../platform/time';

/*
 * Pure competency arithmetic over plain rows: current levels, gaps, gains and their roll-ups.
 * FerretDB has no $avg/$max/$push, so these run in TypeScript over lean, projected queries.
 */
export { gain, normalisedGain };

/** Required − current, never below 0. No requirement → 0; a unit never assessed counts as level 0. */
export function levelGap(required: number | null | undefined, current: number | null | undefined): number {
  if (typeof required !== 'number') return 0;
  return Math.max(0, required - (typeof current === 'number' ? current : 0));
}

/** One assessed level of a worker on a unit. */
export interface LevelEvent {
  id: string;
  workerId: string;
  unitId: string;
  level: number;
  kind: 'pre' | 'post';
  assessedAt: Date;
  sessionId: string;
  courseId: string;
  enrollmentId: string;
}

/** Oldest first; on the same instant a pre-assessment comes before a post-assessment, then by id. */
export function compareEvents(a: LevelEvent, b: LevelEvent): number {
  return a.assessedAt.getTime() - b.assessedAt.getTime() || (a.kind === b.kind ? 0 : a.kind === 'pre' ? -1 : 1) || a.id.localeCompare(b.id);
}

/** The current level per worker and unit: the latest assessed level, of any kind. */
export function currentLevelsFrom(events: readonly LevelEvent[]): Map<string, Map<string, LevelEvent>> {
  const out = new Map<string, Map<string, LevelEvent>>();
  for (const e of events) {
    const units = out.get(e.workerId) ?? new Map<string, LevelEvent>();
    const seen = units.get(e.unitId);
    if (!seen || compareEvents(seen, e) < 0) units.set(e.unitId, e);
    out.set(e.workerId, units);
  }
  return out;
}

/** Pre and post of one enrolment on one unit, with what the roll-ups group by. */
export interface GainRow {
  enrollmentId: string;
  sessionId: string;
  courseId: string;
  /** The course's trade. */
  trade: string;
  workerId: string;
  workshopId: string;
  unitId: string;
  pre?: number;
  post?: number;
  preAt?: Date;
  postAt?: Date;
  gain?: number;
  normalisedGain?: number;
}

/** Pairs the pre- and post-assessments of each (enrolment, unit); gains where both exist. */
export function pairEvents(
  events: readonly LevelEvent[],
  context: (e: LevelEvent) => { trade: string; workshopId: string },
): GainRow[] {
  const rows = new Map<string, GainRow>();
  for (const e of events) {
    const key = `${e.enrollmentId}_${e.unitId}`;
    const row = rows.get(key) ?? { enrollmentId: e.enrollmentId, sessionId: e.sessionId, courseId: e.courseId, workerId: e.workerId, unitId: e.unitId, ...context(e) };
    if (e.kind === 'pre') Object.assign(row, { pre: e.level, preAt: e.assessedAt });
    else Object.assign(row, { post: e.level, postAt: e.assessedAt });
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({ ...r, gain: gain(r.pre, r.post), normalisedGain: normalisedGain(r.pre, r.post) }));
}

export const ROLLUP_KEYS = ['worker', 'course', 'workshop', 'trade', 'unit', 'month', 'quarter', 'year'] as const;
export type RollupKey = (typeof ROLLUP_KEYS)[number];

export interface GainRollup {
  key: string;
  /** Rows in the group, with or without both assessments. */
  rows: number;
  /** Rows with both a pre and a post level: what the means are over. */
  pairs: number;
  meanPre?: number;
  meanPost?: number;
  meanGain?: number;
  /** Pairs with pre < 4: what the mean normalised gain is over. */
  normalisedPairs: number;
  /** The mean of the rows' normalised gains (not the gain of the means). */
  meanNormalisedGain?: number;
}

/** The WIB period of an instant: "2026-03", "2026-Q1" or "2026". */
export function periodOf(at: Date, by: 'month' | 'quarter' | 'year'): string {
  const date = wibParts(at).date;
  if (by === 'year') return date.slice(0, 4);
  if (by === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

function groupKey(row: GainRow, by: RollupKey): string {
  switch (by) {
    case 'worker': return row.workerId;
    case 'course': return row.courseId;
    case 'workshop': return row.workshopId;
    case 'trade': return row.trade;
    case 'unit': return row.unitId;
    default: {
      // A gain happens when the post-assessment is made; a row without one is placed by its pre.
      const at = row.postAt ?? row.preAt;
      return at ? periodOf(at, by) : '';
    }
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

/** Gains grouped by worker, course, workshop, trade, unit or period, ordered by key. Empty rows → []. */
export function rollupGains(rows: readonly GainRow[], by: RollupKey): GainRollup[] {
  const groups = new Map<string, GainRow[]>();
  for (const r of rows) {
    const key = groupKey(r, by);
    const members = groups.get(key);
    if (members) members.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => {
      const pairs = members.filter((r) => r.gain !== undefined);
      const normalised = members.flatMap((r) => (r.normalisedGain === undefined ? [] : [r.normalisedGain]));
      return {
        key,
        rows: members.length,
        pairs: pairs.length,
        meanPre: mean(pairs.map((r) => r.pre!)),
        meanPost: mean(pairs.map((r) => r.post!)),
        meanGain: mean(pairs.map((r) => r.gain!)),
        normalisedPairs: normalised.length,
        meanNormalisedGain: mean(normalised),
      };
    });
}
