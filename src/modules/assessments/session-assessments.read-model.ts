import { defineReadModel } from '../../platform/db/read-model';
import { sessionRoster } from '../scheduling';
import { Assessment, type AssessmentKind, type AssessmentMethod } from './assessment.model';
import { workerLevels } from './worker-levels.read-model';

/** One assessment of a class as its sheet shows it (ids as strings). */
export interface SessionAssessment {
  id: string;
  kind: AssessmentKind;
  enrollment: string;
  worker: string;
  unit: string;
  level: number;
  assessedAt: Date;
  method: AssessmentMethod;
  notes: string;
  assessorName: string;
}

export interface SessionAssessments {
  session: string;
  /** Every assessment recorded in the session (any enrolment, whatever its status now), by id. */
  assessments: SessionAssessment[];
}

export const SHEET_FIELDS = { kind: 1, enrollment: 1, worker: 1, unit: 1, level: 1, assessedAt: 1, method: 1, notes: 1, assessorName: 1, session: 1 } as const;

type LeanSheetAssessment = {
  _id: unknown; kind: string; enrollment: unknown; worker: unknown; unit: unknown; level: number; assessedAt: Date; method: string;
  notes?: string | null; assessorName?: string | null; session: unknown;
};

export function toSessionAssessment(a: LeanSheetAssessment): SessionAssessment {
  return {
    id: String(a._id),
    kind: a.kind as AssessmentKind,
    enrollment: String(a.enrollment),
    worker: String(a.worker),
    unit: String(a.unit),
    level: a.level,
    assessedAt: a.assessedAt,
    method: a.method as AssessmentMethod,
    notes: a.notes ?? '',
    assessorName: a.assessorName ?? '',
  };
}

function group(keys: readonly string[], rows: readonly LeanSheetAssessment[]): Map<string, SessionAssessments> {
  const out = new Map(keys.map((k) => [k, { session: k, assessments: [] as SessionAssessment[] }]));
  for (const r of rows) out.get(String(r.session))?.assessments.push(toSessionAssessment(r));
  for (const doc of out.values()) doc.assessments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/**
 * `session-assessments:<sessionId>`: every assessment of one class with what its sheet shows (level,
 * date, method, note, assessor). The sheet page reads this one document; before, it read the
 * `worker-levels` document of every enrolled worker (whole histories) and then each of the class's
 * assessments by `_id` (130 commands per page view at ci scale, p95 357 ms under 4 connections).
 *
 * Built from the class's roster (everyone ever enrolled), those workers' `worker-levels` documents
 * and each assessment found there by `_id` — point reads, never a filter on assessments (a scan of
 * every assessment on FerretDB), so a sheet save stays cheap however many are kept. Kept right by
 * `assessmentsChanged` (assessment-changes.ts), which refreshes `worker-levels` first.
 */
export const sessionAssessments = defineReadModel<SessionAssessments>({
  name: 'session-assessments',
  version: 1,
  empty: (session) => ({ session, assessments: [] }),
  async build(keys) {
    const rosters = await sessionRoster.getMany(keys);
    const workers = [...new Set([...rosters.values()].flatMap((r) => r.enrolments.map((e) => e.worker)))];
    const wanted = new Set(keys);
    const ids = [...(await workerLevels.getMany(workers)).values()].flatMap((d) => d.events.filter((e) => wanted.has(e.sessionId)).map((e) => e.id));
    const rows = (await Promise.all(ids.map((id) => Assessment.findById(id, SHEET_FIELDS).lean()))).filter((a) => !!a) as LeanSheetAssessment[];
    return group(keys, rows);
  },
  async buildAll() {
    const rows = (await Assessment.find({}, SHEET_FIELDS).lean()) as LeanSheetAssessment[];
    return group([...new Set(rows.map((r) => String(r.session)))], rows);
  },
});
