import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Course, Instructor, Room, type Trade } from '../../src/modules/catalogue';
import { Enrollment, Meeting, TrainingSession, enrolmentsChanged, meetingsChanged } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { wibToUtc } from '../../src/platform/time';
import { createWorkshop } from './factories';

/**
 * Documents for the calendar tests, written straight through the models (the scheduling services
 * are not what these tests are about).
 */
let seq = 0;
type Id = Types.ObjectId;

export async function createCourse(overrides: Partial<{ code: string; title: { id: string; en: string }; trade: Trade }> = {}) {
  seq++;
  return Course.create({
    code: `KAL-${seq}`,
    title: { id: `Kursus Uji ${seq}`, en: `Test Course ${seq}` },
    trade: 'welding',
    durationHours: 16,
    ...overrides,
  });
}

export async function createRoom(name?: string) {
  seq++;
  return Room.create({ name: name ?? `Ruang Uji ${seq}`, kind: 'workshop_bay', capacity: 12 });
}

export async function createInstructor(overrides: Partial<{ name: string; user: Id }> = {}) {
  seq++;
  return Instructor.create({ name: `Instruktur Uji ${seq}`, kind: 'internal', ...overrides });
}

export async function createWorkerRecord(overrides: Partial<{ name: string; user: Id; workshop: Id }> = {}) {
  seq++;
  const workshop = overrides.workshop ?? (await createWorkshop())._id;
  return Worker.create({ name: `Pekerja Uji ${seq}`, workshop, ...overrides });
}

/** "2026-12-01 08:00" in WIB → UTC instant. */
export function wib(dateTime: string): Date {
  const [date, time] = dateTime.split(' ') as [string, string];
  const at = wibToUtc(date, time);
  if (!at) throw new Error(`bad WIB time ${dateTime}`);
  return at;
}

/**
 * A session with one meeting per [start, end] pair (WIB "YYYY-MM-DD HH:MM"), in one room and with
 * the given instructors, as the scheduling module stores them (room and instructors copied).
 */
export async function createSessionWithMeetings(opts: {
  course?: { _id: Id };
  room?: { _id: Id };
  instructors?: { _id: Id }[];
  state?: 'planned' | 'open' | 'cancelled';
  meetings: [string, string][];
  cancelledMeetings?: number[];
}) {
  const course = opts.course ?? (await createCourse());
  const room = opts.room ?? (await createRoom());
  const instructors = (opts.instructors ?? []).map((i) => i._id);
  const times = opts.meetings.map(([s, e]) => ({ start: wib(s), end: wib(e) }));
  const session = await TrainingSession.create({
    course: course._id,
    room: room._id,
    instructors,
    capacity: 10,
    state: opts.state ?? 'open',
    firstStart: times[0]?.start,
    lastEnd: times[times.length - 1]?.end,
  });
  const meetings = [];
  for (const [i, t] of times.entries()) {
    meetings.push(
      await Meeting.create({
        session: session._id,
        ...t,
        room: room._id,
        instructors,
        checkinToken: randomBytes(16).toString('hex'),
        cancelled: (opts.cancelledMeetings ?? []).includes(i),
      }),
    );
  }
  // As every writer of meetings does: keep the meeting read models right.
  await meetingsChanged({ sessions: [session._id], starts: times.map((t) => t.start) });
  return { session, meetings, course, room };
}

export async function enrol(session: { _id: Id }, worker: { _id: Id }, status: 'enrolled' | 'waitlisted' | 'cancelled' = 'enrolled', waitlistedAt?: Date) {
  const e = await Enrollment.create({
    session: session._id,
    worker: worker._id,
    status,
    requestedBy: 'coordinator',
    ...(status === 'waitlisted' ? { waitlistedAt: waitlistedAt ?? new Date() } : {}),
    ...(status === 'enrolled' ? { enrolledAt: new Date() } : {}),
  });
  await enrolmentsChanged({ workers: [worker._id], sessions: [session._id] });
  return e;
}
