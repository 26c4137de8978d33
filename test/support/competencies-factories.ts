import { Types } from 'mongoose';
import { Assessment, assessmentsChanged } from '../../src/modules/assessments';
import { Course, Instructor, Room, type Trade } from '../../src/modules/catalogue';
import { JobProfile, positionKey } from '../../src/modules/competencies';
import { Enrollment, TrainingSession, enrolmentsChanged } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { createUnit } from './catalogue-factories';
import { createUser, createWorkshop } from './factories';

/*
 * Documents for the competencies and assessments tests, written straight through the models.
 * Times are UTC instants; WIB is UTC+7.
 */
let seq = 0;
const DAY = 24 * 3600 * 1000;
type Id = Types.ObjectId;

export { createUnit };

/** A job profile for `position` requiring each unit at its level. */
export async function createProfile(opts: { position: string; requirements: { unit: Id; level: number }[]; trade?: Trade; coreScheme?: string; title?: { id: string; en?: string } }) {
  return JobProfile.create({
    position: opts.position,
    positionKey: positionKey(opts.position),
    title: opts.title ?? { id: `Profil ${opts.position}`, en: `Profile ${opts.position}` },
    trade: opts.trade ?? 'welding',
    requirements: opts.requirements,
    coreScheme: opts.coreScheme ?? '',
  });
}

/** A worker record; `login` also creates a worker account (email given or generated), linked by `user`. */
export async function createWorker(opts: Partial<{ name: string; workshop: Id; position: string; trades: Trade[]; login: boolean; email: string; active: boolean }> = {}) {
  seq++;
  const workshop = opts.workshop ?? (await createWorkshop())._id;
  const user = opts.login || opts.email ? await createUser({ roles: ['worker'], workshop, email: opts.email ?? `pekerja${seq}@komp.test` }) : undefined;
  return Worker.create({
    name: opts.name ?? `Pekerja Uji ${seq}`,
    phone: `+62812880${String(seq).padStart(5, '0')}`,
    workshop,
    trades: opts.trades ?? ['welding'],
    position: opts.position ?? 'Juru las SMAW 3G',
    active: opts.active ?? true,
    user: user?._id,
  });
}

/** An instructor, with a login account (instructor role) when `login` is true. */
export async function createInstructor(opts: { login?: boolean; email?: string; name?: string } = {}) {
  seq++;
  const user = opts.login ? await createUser({ roles: ['instructor'], email: opts.email ?? `instruktur${seq}@komp.test` }) : undefined;
  const instructor = await Instructor.create({ name: opts.name ?? `Instruktur Uji ${seq}`, kind: 'internal', trades: ['welding'], user: user?._id });
  return { instructor, user };
}

/**
 * A finished session of a course targeting `units` (each at `level`), taught by `instructors`,
 * with `workers` enrolled. Starts `daysAgo` days before `now` and lasts `days` days.
 */
export async function createSessionWith(opts: {
  units: { unit: Id; level: number }[];
  workers: { _id: Id }[];
  instructors?: Id[];
  now?: Date;
  daysAgo?: number;
  days?: number;
  trade?: Trade;
  state?: 'open' | 'cancelled';
}) {
  seq++;
  const course = await Course.create({ code: `KMP-${seq}`, title: { id: `Kursus Kompetensi ${seq}`, en: `Competency Course ${seq}` }, trade: opts.trade ?? 'welding', durationHours: 16, units: opts.units });
  const room = await Room.create({ name: `Bengkel Kompetensi ${seq}`, kind: 'workshop_bay', capacity: 12 });
  const now = opts.now ?? new Date();
  const firstStart = new Date(now.getTime() - (opts.daysAgo ?? 10) * DAY);
  const lastEnd = new Date(firstStart.getTime() + ((opts.days ?? 2) - 1) * DAY + 4 * 3600 * 1000);
  const session = await TrainingSession.create({
    course: course._id, room: room._id, instructors: opts.instructors ?? [], capacity: 12, state: opts.state ?? 'open', firstStart, lastEnd,
  });
  const enrollments = [];
  for (const w of opts.workers) enrollments.push(await Enrollment.create({ session: session._id, worker: w._id, status: 'enrolled', requestedBy: 'coordinator' }));
  await enrolmentsChanged({ workers: opts.workers.map((w) => w._id), sessions: [session._id] });
  return { course, room, session, enrollments };
}

/** One recorded assessment (and the worker's `worker-levels` read model refreshed, as the sheet does). */
export async function recordAssessment(opts: {
  kind: 'pre' | 'post';
  enrollment: { _id: Id; session: Id; worker: Id };
  course: Id;
  unit: Id;
  level: number;
  assessedAt: Date;
  method?: 'observation' | 'interview' | 'case_study' | 'portfolio';
  notes?: string;
}) {
  const created = await Assessment.create({
    kind: opts.kind,
    enrollment: opts.enrollment._id,
    session: opts.enrollment.session,
    course: opts.course,
    worker: opts.enrollment.worker,
    unit: opts.unit,
    level: opts.level,
    assessedAt: opts.assessedAt,
    method: opts.method ?? 'observation',
    notes: opts.notes ?? '',
    assessorName: 'Penilai Uji',
  });
  await assessmentsChanged({ workers: [opts.enrollment.worker], sessions: [opts.enrollment.session] });
  return created;
}

/** A WIB date and time as a UTC instant: at('2026-03-02', '08:00'). */
export function at(date: string, time = '12:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}
