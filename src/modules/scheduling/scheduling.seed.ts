import { Types } from 'mongoose';
import type { ServiceDeps } from '../../platform/deps';
import { addDays, wibParts, wibToUtc } from '../../platform/time';
import { attendanceChanged } from '../attendance/attendance-changes';
import { Attendance } from '../attendance/attendance.model';
import { Course } from '../catalogue/course.model';
import { Instructor } from '../catalogue/instructor.model';
import { Room } from '../catalogue/room.model';
import { User } from '../accounts/user.model';
import { Worker } from '../workers/worker.model';
import { enrolmentsChanged } from './enrolment-changes';
import { meetingsChanged } from './meeting-changes';
import { Enrollment } from './enrollment.model';
import { Meeting } from './meeting.model';
import { Seat } from './seat.model';
import { findResourceConflicts } from './conflicts';
import { newCheckinToken } from './sessions.service';
import { TrainingSession } from './session.model';
import { prng } from '../../platform/prng';

type Id = Types.ObjectId;
interface Plan {
  course: { _id: Id; trade: string; durationHours: number };
  room: Id;
  instructor: Id;
  days: string[];
  startTime: string;
  endTime: string;
  capacity: number;
  state: 'open' | 'planned';
  /** Exact meeting instants, instead of days × times. */
  times?: { start: Date; end: Date }[];
}

const ROOM_FOR_TRADE: Record<string, RegExp> = {
  welding: /las/i,
  machining: /bubut|frais/i,
  casting: /cor/i,
  sheet_metal: /plat/i,
};

/** Monday (WIB date) of the week containing `date`. */
function mondayOf(date: string): string {
  const weekday = wibParts(wibToUtc(date, '12:00')!).weekday;
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Demo classes: a year of past sessions with attendance, and the coming weeks — including meetings
 * within the next 24 hours (so reminders have work), one full session with a wait-list, and the demo
 * worker (pekerja@takaru.test) enrolled in upcoming classes. Two tracks (mornings, afternoons), one
 * session per track per week, so rooms and instructors are never double-booked. Synthetic data.
 * Idempotent: does nothing when any session exists.
 */
export async function seedSchedulingDemo(deps: ServiceDeps): Promise<number> {
  if ((await TrainingSession.estimatedDocumentCount()) > 0) return 0;
  const [courses, rooms, instructors, workers] = await Promise.all([
    Course.find({ active: true }, { trade: 1, durationHours: 1, defaultCapacity: 1, code: 1 }).sort({ code: 1 }).lean(),
    Room.find({ active: true }, { name: 1 }).sort({ name: 1 }).lean(),
    Instructor.find({ active: true }, { trades: 1 }).sort({ name: 1 }).lean(),
    Worker.find({ active: true }, { trades: 1, user: 1 }).sort({ name: 1 }).lean(),
  ]);
  if (courses.length === 0 || rooms.length === 0 || instructors.length === 0 || workers.length === 0) return 0;
  const rnd = prng(20261128);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const theory = rooms.filter((r) => /teori/i.test(r.name));
  const roomFor = (trade: string, track: number) => {
    const matching = rooms.filter((r) => ROOM_FOR_TRADE[trade]?.test(r.name));
    const pool = matching.length ? matching : theory.length ? theory : rooms;
    return pool[track % pool.length]!._id;
  };
  const instructorFor = (trade: string, track: number) => {
    const matching = instructors.filter((i) => ((i.trades ?? []) as string[]).includes(trade));
    const pool = matching.length >= 2 ? matching : instructors;
    return pool[track % pool.length]!._id;
  };

  const now = deps.clock.now();
  const today = wibParts(now).date;
  const thisMonday = mondayOf(today);
  const demoUser = await User.findOne({ email: 'pekerja@takaru.test' }, { _id: 1 }).lean();
  const demoWorker = demoUser ? workers.find((w) => String(w.user) === String(demoUser._id)) : undefined;
  const tracks = [
    { startTime: '08:00', endTime: '12:00' },
    { startTime: '13:00', endTime: '16:00' },
  ];
  let created = 0;
  /** Sessions whose attendance the seed wrote: their read model is refreshed once at the end (one read of the records). */
  const attended: Id[] = [];

  const makeSession = async (plan: Plan, enrolCount: number, waitCount: number, extra: Id[] = []) => {
    const meetings = plan.times ?? plan.days.map((d) => ({ start: wibToUtc(d, plan.startTime)!, end: wibToUtc(d, plan.endTime)! }));
    // Never double-book: try other rooms/instructors of the same kind before giving up on this one.
    let free = false;
    for (let k = 0; k < 6 && !free; k++) {
      if (k > 0) {
        plan.room = roomFor(plan.course.trade, k + 1);
        plan.instructor = instructorFor(plan.course.trade, k + 1);
      }
      free = (await findResourceConflicts(meetings, String(plan.room), [String(plan.instructor)])).length === 0;
    }
    if (!free) return;
    const session = await TrainingSession.create({
      course: plan.course._id,
      instructors: [plan.instructor],
      room: plan.room,
      capacity: plan.capacity,
      state: plan.state,
      firstStart: meetings[0]!.start,
      lastEnd: meetings[meetings.length - 1]!.end,
      notes: 'Data demo (sintetis).',
    });
    const saved = await Meeting.insertMany(meetings.map((m) => ({ ...m, session: session._id, room: plan.room, instructors: [plan.instructor], checkinToken: newCheckinToken() })));
    await meetingsChanged({ sessions: [session._id], starts: meetings.map((m) => m.start) });
    const sameTrade = workers.filter((w) => ((w.trades ?? []) as string[]).includes(plan.course.trade) && !extra.some((e) => String(e) === String(w._id)));
    const pool = (sameTrade.length >= enrolCount + waitCount ? sameTrade : workers).filter((w) => !extra.some((e) => String(e) === String(w._id)));
    const chosen = [...extra];
    while (chosen.length < Math.min(enrolCount + waitCount, pool.length + extra.length)) {
      const w = pick(pool)._id;
      if (!chosen.some((c) => String(c) === String(w))) chosen.push(w);
    }
    const t0 = new Date(meetings[0]!.start.getTime() - 14 * 24 * 3600 * 1000);
    for (let i = 0; i < chosen.length; i++) {
      const enrolled = i < enrolCount;
      const e = await Enrollment.create({
        session: session._id,
        worker: chosen[i],
        status: enrolled ? 'enrolled' : 'waitlisted',
        requestedBy: rnd() < 0.3 ? 'worker' : 'coordinator',
        enrolledAt: enrolled ? t0 : undefined,
        waitlistedAt: enrolled ? undefined : new Date(t0.getTime() + i * 60000),
        toldWaitlisted: !enrolled,
      });
      if (enrolled) await Seat.create({ session: session._id, no: i + 1, enrollment: e._id });
    }
    await enrolmentsChanged({ workers: chosen, sessions: [session._id] });
    const past = saved.filter((m) => m.end.getTime() <= now.getTime());
    const rows = past.flatMap((m) =>
      chosen.slice(0, enrolCount).map((worker) => {
        const r = rnd();
        const status = r < 0.82 ? 'present' : r < 0.9 ? 'late' : r < 0.96 ? 'absent' : 'excused';
        return { meeting: m._id, session: session._id, worker, status, via: rnd() < 0.4 ? 'qr' : 'manual' };
      }),
    );
    if (rows.length) await Attendance.insertMany(rows);
    attended.push(session._id);
    created++;
  };

  const daysFor = (monday: string, durationHours: number, hoursPerDay: number) => {
    const n = Math.max(1, Math.min(5, Math.ceil(durationHours / hoursPerDay)));
    return Array.from({ length: n }, (_, i) => addDays(monday, i));
  };

  // A year back and eight weeks ahead, two tracks per week.
  for (let week = -52; week <= 8; week++) {
    const monday = addDays(thisMonday, week * 7);
    for (let track = 0; track < tracks.length; track++) {
      const course = courses[(week + 52 + track * 5) % courses.length]!;
      const t = tracks[track]!;
      const hours = Number(t.endTime.slice(0, 2)) - Number(t.startTime.slice(0, 2));
      const upcoming = week > 0;
      const capacity = Math.min(course.defaultCapacity ?? 10, 12);
      await makeSession(
        { course, room: roomFor(course.trade, track), instructor: instructorFor(course.trade, track), days: daysFor(monday, course.durationHours, hours), ...t, capacity, state: upcoming && week > 6 ? 'planned' : 'open' },
        upcoming ? Math.floor(capacity / 2) : Math.max(4, capacity - 2),
        0,
        upcoming && week <= 2 && track === 0 && demoWorker ? [demoWorker._id] : [],
      );
    }
  }

  // Around now: a class whose next meetings start within 24 hours (reminders), with the demo worker,
  // and a full class with a wait-list.
  // Meetings at the next whole hour at least 2 h ahead and a day later, whatever the time of the first start.
  const HOUR = 3600 * 1000;
  const soonStart = new Date(Math.ceil((now.getTime() + 2 * HOUR) / HOUR) * HOUR);
  const times = [0, 24].map((h) => ({ start: new Date(soonStart.getTime() + h * HOUR), end: new Date(soonStart.getTime() + (h + 2) * HOUR) }));
  const soon = courses[0]!;
  await makeSession(
    { course: soon, room: roomFor(soon.trade, 2), instructor: instructorFor(soon.trade, 2), days: [], startTime: '', endTime: '', times, capacity: 8, state: 'open' },
    6,
    0,
    demoWorker ? [demoWorker._id] : [],
  );
  const fullCourse = courses[1 % courses.length]!;
  await makeSession(
    { course: fullCourse, room: roomFor(fullCourse.trade, 1), instructor: instructorFor(fullCourse.trade, 1), days: [addDays(today, 3), addDays(today, 4)], startTime: '13:00', endTime: '16:00', capacity: 6, state: 'open' },
    6,
    3,
  );
  await attendanceChanged({ sessions: attended });
  return created;
}
