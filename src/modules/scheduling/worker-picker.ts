import { Types, trusted } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import { Course } from '../catalogue/course.model';
import { Worker } from '../workers/worker.model';
import { escapeRegex } from '../workers/worker-rules';
import { canSeeNik } from '../workers/workers.policy';
import { displayName } from '../workshops/workshop.model';
import { cachedWorkshops } from '../workshops/workshops.cache';
import { assertCanPlan } from './scheduling.policy';
import { TrainingSession } from './session.model';

type Lng = 'id' | 'en';

/** Matches shown at most: enough to tell five Tarmujis apart, few enough to read on a phone. */
export const PICKER_LIMIT = 20;
/** Shorter queries match nearly everyone: the page asks for more instead of scanning. */
export const PICKER_MIN_QUERY = 2;

/** `?q=`: a name, phone number, workshop name or NIK; anything odd (an array, too long) is no query. */
export const pickerQuery = z.object({ q: z.string().trim().max(80).catch('').default('') });

export interface PickerRow {
  id: string;
  name: string;
  workshop: string;
  position: string;
  phone: string;
  /** Only for those who may see NIK (coordinators, admins). */
  nik?: string;
}

export interface PickerPage {
  session: { id: string; title: string; live: boolean };
  q: string;
  searched: boolean;
  rows: PickerRow[];
  /** More matched than are shown. */
  more: boolean;
  showNik: boolean;
}

/**
 * The filter of the picker's one scan over workers: active ones whose name contains the query, or
 * who work in a workshop whose name contains it, or — when it looks like a number — whose phone
 * contains it (a leading 0 dropped: people type 0812…, records hold +62812…), or, for those who may
 * see NIK, whose NIK starts with it.
 */
export function pickerFilter(q: string, workshopIds: readonly string[], withNik: boolean): Record<string, unknown> {
  const or: Record<string, unknown>[] = [{ name: new RegExp(escapeRegex(q), 'i') }];
  if (workshopIds.length > 0) or.push({ workshop: trusted({ $in: workshopIds.map((id) => new Types.ObjectId(id)) }) });
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(q)) {
    or.push({ phone: new RegExp(escapeRegex(digits.replace(/^0/, ''))) });
    if (withNik && digits.length >= 4) or.push({ nik: new RegExp(`^${digits}`) });
  }
  return { active: true, $or: or };
}

/**
 * The "add a worker" page of a session: workers matching `q` with their workshop and position.
 * On FerretDB every filter but `{_id}` reads the whole collection, so this is ONE projected scan
 * of workers (plus the small workshops collection, whose names are both searched and shown),
 * capped at PICKER_LIMIT rows.
 * @throws ForbiddenError unless coordinator/admin; NotFoundError for an unknown session.
 */
export async function searchWorkersToEnrol(actor: Actor, sessionId: string, q: string, lng: Lng): Promise<PickerPage> {
  assertCanPlan(actor);
  const session = Types.ObjectId.isValid(sessionId) ? await TrainingSession.findById(sessionId, { course: 1, state: 1 }).lean() : null;
  if (!session) throw new NotFoundError('session_not_found');
  const course = await Course.findById(session.course, { code: 1, title: 1 }).lean();
  const courseTitle = (lng === 'en' ? course?.title?.en || course?.title?.id : course?.title?.id || course?.title?.en) ?? '';
  const page: PickerPage = {
    session: { id: String(session._id), title: `${course?.code ?? ''} ${courseTitle}`.trim(), live: session.state !== 'cancelled' },
    q,
    searched: q.length >= PICKER_MIN_QUERY,
    rows: [],
    more: false,
    showNik: canSeeNik(actor),
  };
  if (!page.searched) return page;

  const workshops = [...(await cachedWorkshops.all()).values()];
  const needle = q.toLocaleLowerCase('id');
  const shopIds = workshops.filter((w) => displayName(w).toLocaleLowerCase('id').includes(needle)).map((w) => String(w._id));
  const projection: Record<string, 1> = { name: 1, workshop: 1, position: 1, phone: 1, ...(page.showNik ? { nik: 1 } : {}) };
  const found = await Worker.find(pickerFilter(q, shopIds, page.showNik), projection)
    .sort({ name: 1, _id: 1 })
    .limit(PICKER_LIMIT + 1)
    .lean<{ _id: Types.ObjectId; name: string; workshop: Types.ObjectId; position?: string | null; phone?: string | null; nik?: string | null }[]>();
  const shopName = new Map(workshops.map((w) => [String(w._id), displayName(w)]));
  page.more = found.length > PICKER_LIMIT;
  page.rows = found.slice(0, PICKER_LIMIT).map((w) => ({
    id: String(w._id),
    name: w.name,
    workshop: shopName.get(String(w.workshop)) ?? '—',
    position: w.position ?? '',
    phone: w.phone ?? '',
    ...(page.showNik ? { nik: w.nik ?? '' } : {}),
  }));
  return page;
}
