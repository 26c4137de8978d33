import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { Course, Instructor, Room } from '../../src/modules/catalogue';
import { Enrollment, Meeting, TrainingSession, enrolmentsChanged, meetingsChanged } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { createUser, createWorkshop } from './factories';

/**
 * Documents for the attendance tests, written straight through the models (the scheduling services
 * are built in parallel). Times are UTC instants; WIB is UTC+7.
 */
let seq = 0;
const HOUR = 3600 * 1000;

export async function createCourse(overrides: Partial<{ code: string; minAttendancePct: number; title: { id: string; en: string } }> = {}) {
  seq++;
  return Course.create({
    code: `ATT-${seq}`,
    title: { id: `Pengelasan SMAW Dasar ${seq}`, en: `Basic SMAW Welding ${seq}` },
    trade: 'welding',
    durationHours: 20,
    ...overrides,
  });
}

export async function createRoom() {
  seq++;
  return Room.create({ name: `Bengkel Las Uji ${seq}`, kind: 'workshop_bay', capacity: 20 });
}

/** An instructor, with a login account when `user` is given. */
export async function createInstructor(user?: Types.ObjectId, name = `Instruktur Uji ${++seq}`) {
  return Instructor.create({ name, kind: 'external', organisation: 'BLK Kabupaten Tegal', user });
}

/** A worker; with `login: true` also a worker account (email given or generated), linked by `user`. */
export async function createWorker(
  opts: Partial<{ name: string; workshop: Types.ObjectId; email: string; login: boolean }> = {},
) {
  seq++;
  const workshop = opts.workshop ?? (await createWorkshop())._id;
  const user = opts.login || opts.email
    ? await createUser({ roles: ['worker'], workshop, email: opts.email ?? `pekerja${seq}@att.test` })
    : undefined;
  return Worker.create({ name: opts.name ?? `Pekerja Uji ${seq}`, workshop, user: user?._id });
}

export const token = () => randomBytes(32).toString('base64url');

/**
 * A session with meetings at the given UTC starts (each `hours` long), copying room and
 * instructors onto the meetings as scheduling does. firstStart/lastEnd are denormalised.
 */
export async function createSession(
  opts: Partial<{
    course: InstanceType<typeof Course>;
    instructors: Types.ObjectId[];
    starts: Date[];
    hours: number;
    state: 'planned' | 'open' | 'cancelled';
  }> = {},
) {
  const course = opts.course ?? (await createCourse());
  const room = await createRoom();
  const instructors = opts.instructors ?? [(await createInstructor())._id];
  const starts = opts.starts ?? [new Date(Date.now() - HOUR)];
  const hours = opts.hours ?? 4;
  const session = await TrainingSession.create({
    course: course._id,
    instructors,
    room: room._id,
    capacity: 12,
    state: opts.state ?? 'open',
    firstStart: starts[0],
    lastEnd: new Date(starts[starts.length - 1]!.getTime() + hours * HOUR),
  });
  const meetings = [];
  for (const start of starts) {
    meetings.push(
      await Meeting.create({
        session: session._id,
        start,
        end: new Date(start.getTime() + hours * HOUR),
        room: room._id,
        instructors,
        checkinToken: token(),
      }),
    );
  }
  // As every writer of meetings does: keep the meeting read models right.
  await meetingsChanged({ sessions: [session._id], starts });
  return { course, room, session, meetings };
}

export async function enroll(
  session: { _id: Types.ObjectId },
  worker: { _id: Types.ObjectId },
  status: 'enrolled' | 'waitlisted' | 'cancelled' = 'enrolled',
) {
  const e = await Enrollment.create({ session: session._id, worker: worker._id, status, requestedBy: 'coordinator' });
  await enrolmentsChanged({ workers: [worker._id], sessions: [session._id] });
  return e;
}

/** Days from a WIB date and time, as a UTC instant: at('2026-03-02', '08:00'). */
export function at(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+07:00`);
}
