import { Types } from 'mongoose';
import { Course, Instructor, Room } from '../../src/modules/catalogue';
import { Worker } from '../../src/modules/workers';
import { Meeting, meetingsChanged, TrainingSession } from '../../src/modules/scheduling';
import { newCheckinToken } from '../../src/modules/scheduling/sessions.service';
import { createWorkshop } from './factories';

let n = 0;
const HOUR = 3600 * 1000;

export async function makeCourse(overrides: Record<string, unknown> = {}) {
  n++;
  return new Course({ code: `TST-${n}`, title: { id: `Kursus Uji ${n}`, en: `Test Course ${n}` }, trade: 'welding', durationHours: 8, defaultCapacity: 10, ...overrides }).save();
}

export async function makeRoom(overrides: Record<string, unknown> = {}) {
  n++;
  return new Room({ name: `Bengkel Las Uji ${n}`, kind: 'workshop_bay', capacity: 12, ...overrides }).save();
}

export async function makeInstructor(overrides: Record<string, unknown> = {}) {
  n++;
  return new Instructor({ name: `Instruktur Uji ${n}`, kind: 'internal', trades: ['welding'], ...overrides }).save();
}

export async function makeWorker(overrides: Record<string, unknown> = {}) {
  n++;
  const workshop = overrides.workshop ?? (await createWorkshop())._id;
  return new Worker({ name: `Pekerja Uji ${n}`, phone: `+62812${String(70000000 + n).padStart(8, '0')}`, trades: ['welding'], position: 'Juru las', ...overrides, workshop }).save();
}

/** A session with meetings directly in the database (no conflict checks): for tests of what reads them. */
export async function makeSession(opts: {
  start: Date;
  meetings?: number;
  hours?: number;
  capacity?: number;
  state?: 'planned' | 'open' | 'cancelled';
  course?: Types.ObjectId;
  room?: Types.ObjectId;
  instructors?: Types.ObjectId[];
  cutoffHours?: number;
}) {
  const course = opts.course ?? (await makeCourse())._id;
  const room = opts.room ?? (await makeRoom())._id;
  const instructors = opts.instructors ?? [(await makeInstructor())._id];
  const times = Array.from({ length: opts.meetings ?? 1 }, (_, i) => {
    const start = new Date(opts.start.getTime() + i * 24 * HOUR);
    return { start, end: new Date(start.getTime() + (opts.hours ?? 4) * HOUR) };
  });
  const session = await TrainingSession.create({
    course, room, instructors, capacity: opts.capacity ?? 10, state: opts.state ?? 'open', cutoffHours: opts.cutoffHours ?? 24,
    firstStart: times[0]!.start, lastEnd: times[times.length - 1]!.end,
  });
  await Meeting.insertMany(times.map((t) => ({ ...t, session: session._id, room, instructors, checkinToken: newCheckinToken() })));
  // As every writer of meetings does: keep the meeting read models right.
  await meetingsChanged({ sessions: [session._id], starts: times.map((t) => t.start) });
  return session;
}
