import type { Actor } from '../../platform/actor';
import { hasRole } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { wibParts, wibToUtc } from '../../platform/time';
import { User } from '../accounts';
import { findInstructorIdByUser } from '../catalogue';
import { assessmentsChanged } from './assessment-changes';
import { Assessment, type AssessmentKind, type AssessmentMethod } from './assessment.model';
import {
  existingKey,
  loadSheetContext,
  sheetRows,
  sheetValues,
  toObjectId,
  type SheetContext,
  type SheetRow,
  type SheetSession,
  type SheetUnit,
  type StoredAssessment,
} from './assessment-sheet';
import { assertCanAssess } from './assessments.policy';
import type { AssessmentSheetInput } from './assessments.schemas';

/**
 * The app parses at most 200 form fields per request (app.ts, `parameterLimit`); a sheet has three
 * per cell plus five. A larger sheet is shown one unit at a time.
 */
export const FORM_FIELD_LIMIT = 200;
const fieldsOf = (rows: number, units: number) => rows * units * 3 + 5;

export interface AssessmentSheet {
  session: SheetSession;
  /** The units on this sheet: all the course targets, or one when the sheet goes unit by unit. */
  units: SheetUnit[];
  /** When the sheet is too large for one form: every unit, and the one shown. */
  pages: { units: SheetUnit[]; current: string } | null;
  rows: SheetRow[];
  /** The fields as recorded (levels, notes, each kind's date and method). */
  values: Record<string, string>;
  /** Pre and post assessments recorded for this session. */
  recorded: { pre: number; post: number };
}

interface Write {
  key: { enrollment: string; unit: string; kind: AssessmentKind };
  /** null removes the assessment. */
  fields: { level: number; assessedAt: Date; method: AssessmentMethod; notes: string } | null;
}

/**
 * FerretDB's upserts are not atomic: update the existing document; when there is none insert it,
 * and when a concurrent save inserted it first (the unique index refuses ours), update that one.
 */
async function upsertAssessment(key: Record<string, unknown>, fields: Record<string, unknown>): Promise<void> {
  const updated = await Assessment.updateOne(key, { $set: fields }, { runValidators: true });
  if (updated.matchedCount > 0) return;
  try {
    await Assessment.create({ ...key, ...fields });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    await Assessment.updateOne(key, { $set: fields }, { runValidators: true });
  }
}

const sameWrite = (old: StoredAssessment, f: NonNullable<Write['fields']>) =>
  old.level === f.level && old.assessedAt.getTime() === f.assessedAt.getTime() && old.method === f.method && old.notes === f.notes;

/** Pre- and post-training assessments, recorded per session on one sheet. */
export class AssessmentsService {
  constructor(private readonly deps: { clock: Clock }) {}

  /**
   * The sheet of a session: enrolled workers × the course's targeted units, what was recorded and
   * the gains. @throws NotFoundError; ForbiddenError unless coordinator, admin or one of its instructors
   */
  async getSheet(actor: Actor, sessionId: string, lng: Language, unitId?: string): Promise<AssessmentSheet> {
    const full = await loadSheetContext(sessionId, lng, 'read-model');
    await this.authorise(actor, full);
    const paged = fieldsOf(full.rows.length, full.units.length) > FORM_FIELD_LIMIT && full.units.length > 1;
    const current = paged ? (full.units.find((u) => u.id === unitId) ?? full.units[0]!) : undefined;
    const ctx = current ? { ...full, units: [current] } : full;
    const rows = sheetRows(ctx);
    const all = [...full.existing.values()];
    return {
      session: ctx.session,
      units: ctx.units,
      pages: current ? { units: full.units, current: current.id } : null,
      rows,
      values: sheetValues(ctx, rows, this.deps.clock.now()),
      recorded: { pre: all.filter((a) => a.kind === 'pre').length, post: all.filter((a) => a.kind === 'post').length },
    };
  }

  /**
   * Saves the sheet: a level writes (or changes) that assessment, an emptied level removes it, a
   * field not sent is left alone. The note belongs to the post-assessment when there is one, else to
   * the pre-assessment. Everything is checked before anything is written: on a ValidationError
   * nothing changed. Unchanged assessments keep their assessor. Returns how many were written or removed.
   * @throws NotFoundError; ForbiddenError; ValidationError (unknown rows, dates in the future, cancelled session)
   */
  async saveSheet(actor: Actor, sessionId: string, input: AssessmentSheetInput, lng: Language): Promise<number> {
    const ctx = await loadSheetContext(sessionId, lng);
    await this.authorise(actor, ctx);
    const writes = this.plan(ctx, input);
    if (writes.length === 0) return 0;
    const assessor = await User.findById(actor.id, { name: 1 }).lean();
    const workerOf = new Map(ctx.rows.map((r) => [r.enrollmentId, r.workerId]));
    try {
      for (const w of writes) {
        const key = { enrollment: toObjectId(w.key.enrollment), unit: toObjectId(w.key.unit), kind: w.key.kind };
        if (!w.fields) {
          await Assessment.deleteOne(key);
          continue;
        }
        await upsertAssessment(key, {
          ...w.fields,
          session: toObjectId(ctx.session.id),
          course: toObjectId(ctx.session.courseId),
          worker: toObjectId(workerOf.get(w.key.enrollment)!),
          assessor: toObjectId(actor.id),
          assessorName: assessor?.name ?? '',
        });
      }
    } finally {
      // Also after a failed write: whatever was written before it must show (worker-levels read model).
      await assessmentsChanged({ workers: writes.map((w) => workerOf.get(w.key.enrollment)!), sessions: [ctx.session.id] });
    }
    return writes.length;
  }

  private async authorise(actor: Actor, ctx: SheetContext): Promise<void> {
    const instructorId = hasRole(actor, 'instructor') ? await findInstructorIdByUser(actor.id) : null;
    assertCanAssess(actor, ctx.session.instructorIds, instructorId);
  }

  /** The writes the sheet asks for, after every check. @throws ValidationError */
  private plan(ctx: SheetContext, input: AssessmentSheetInput): Write[] {
    if (ctx.session.cancelled) throw new ValidationError({ _form: 'assessments:validation.cancelled' });
    const enrolled = new Set(ctx.rows.map((r) => r.enrollmentId));
    const units = new Set(ctx.units.map((u) => u.id));
    if (input.cells.some((c) => !enrolled.has(c.enrollment) || !units.has(c.unit))) {
      throw new ValidationError({ _form: 'assessments:validation.unknown_row' });
    }
    const today = wibParts(this.deps.clock.now()).date;
    const errors: Record<string, string> = {};
    for (const kind of ['pre', 'post'] as const) {
      const used = input.cells.some((c) => typeof c[kind] === 'number');
      const date = input[kind].date;
      if (used && date && date > today) errors[`${kind}_date`] = 'assessments:validation.date_future';
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);

    const writes: Write[] = [];
    for (const c of input.cells) {
      const old = (kind: AssessmentKind) => ctx.existing.get(existingKey(c.enrollment, c.unit, kind));
      const postAfter = typeof c.post === 'number' || (c.post === undefined && !!old('post'));
      for (const kind of ['pre', 'post'] as const) {
        const wanted = c[kind];
        const before = old(kind);
        if (wanted === undefined) {
          // The note moves with the level it belongs to, even when that level is not on the form.
          if (before && c.note !== undefined && (kind === 'post') === postAfter && c.note !== before.notes) {
            writes.push({ key: { enrollment: c.enrollment, unit: c.unit, kind }, fields: { level: before.level, assessedAt: before.assessedAt, method: before.method, notes: c.note } });
          }
          continue;
        }
        if (wanted === null) {
          if (before) writes.push({ key: { enrollment: c.enrollment, unit: c.unit, kind }, fields: null });
          continue;
        }
        const ownsNote = (kind === 'post') === postAfter;
        const fields = {
          level: wanted,
          assessedAt: wibToUtc(input[kind].date!, '12:00')!,
          method: input[kind].method as AssessmentMethod,
          notes: ownsNote && c.note !== undefined ? c.note : (before?.notes ?? ''),
        };
        if (!before || !sameWrite(before, fields)) writes.push({ key: { enrollment: c.enrollment, unit: c.unit, kind }, fields });
      }
    }
    return writes;
  }
}
