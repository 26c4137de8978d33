import { trusted } from 'mongoose';
import type { ServiceDeps } from '../../platform/deps';
import { prng } from '../../platform/prng';
import { wibParts, wibToUtc } from '../../platform/time';
import { User } from '../accounts';
import { Assessment, assessmentsChanged } from '../assessments';
import { Attendance, attendanceChanged } from '../attendance';
import { Course, Instructor } from '../catalogue';
import { Enrollment, Meeting, Seat, TrainingSession, enrolmentsChanged } from '../scheduling';
import { Worker } from '../workers';
import { DEMO_NOTES } from './competencies.data';

const DAY = 24 * 3600 * 1000;
const noonOf = (at: Date) => wibToUtc(wibParts(at).date, '12:00')!;
const pastFilter = (now: Date) => ({ state: trusted({ $in: ['planned', 'open'] as ('planned' | 'open')[] }), lastEnd: trusted({ $lte: now }) });

/**
 * The demo worker (pekerja@takaru.test) gets a history: when the scheduling demo did not place
 * them in at least two finished classes, they are enrolled (with a seat and attendance) in the
 * latest finished LAS-SMAW-01 class and a K3-01 or GBR-01 class that ended before it.
 */
async function ensureDemoWorkerHistory(now: Date): Promise<number> {
  const user = await User.findOne({ email: 'pekerja@takaru.test' }, { _id: 1 }).lean();
  const worker = user ? await Worker.findOne({ user: user._id }, { _id: 1 }).lean() : null;
  if (!worker) return 0;
  const past = await TrainingSession.find(pastFilter(now), { course: 1, capacity: 1, firstStart: 1, lastEnd: 1 }).sort({ firstStart: -1, _id: 1 }).lean();
  const mine = await Enrollment.find({ worker: worker._id, session: trusted({ $in: past.map((s) => s._id) }) }, { session: 1, status: 1 }).lean();
  let enrolled = mine.filter((e) => e.status === 'enrolled').length;
  if (enrolled >= 2) return 0;
  const taken = new Set(mine.map((e) => String(e.session)));
  const done = new Set(past.filter((p) => mine.some((e) => e.status === 'enrolled' && String(e.session) === String(p._id))).map((p) => String(p.course)));
  const courses = await Course.find({ code: trusted({ $in: ['LAS-SMAW-01', 'K3-01', 'GBR-01'] }) }, { code: 1 }).lean();
  const courseId = new Map(courses.map((c) => [c.code, String(c._id)]));
  let before = now;
  let added = 0;
  for (const code of ['LAS-SMAW-01', 'K3-01', 'GBR-01']) {
    if (enrolled >= 2) break;
    if (done.has(courseId.get(code) ?? '')) continue;
    for (const s of past.filter((p) => String(p.course) === courseId.get(code) && p.lastEnd! <= before && !taken.has(String(p._id)))) {
      const seats = new Set((await Seat.find({ session: s._id }, { no: 1 }).lean()).map((x) => x.no));
      const no = Array.from({ length: s.capacity }, (_, i) => i + 1).find((n) => !seats.has(n));
      if (!no) continue;
      const e = await Enrollment.create({ session: s._id, worker: worker._id, status: 'enrolled', requestedBy: 'coordinator', enrolledAt: new Date(s.firstStart!.getTime() - 14 * DAY) });
      await Seat.create({ session: s._id, no, enrollment: e._id });
      await enrolmentsChanged({ workers: [worker._id], sessions: [s._id] });
      const meetings = await Meeting.find({ session: s._id, end: trusted({ $lte: now }) }, { _id: 1 }).lean();
      if (meetings.length) await Attendance.insertMany(meetings.map((m) => ({ meeting: m._id, session: s._id, worker: worker._id, status: 'present', via: 'manual' })));
      await attendanceChanged({ sessions: [s._id] });
      before = s.firstStart!;
      enrolled++;
      added++;
      break;
    }
  }
  return added;
}

type Doc = Record<string, unknown>;

/**
 * Pre/post assessments for every finished class's enrolled workers on the course's units, in
 * date order so each worker's level carries over from class to class: pre = the level known so
 * far (sometimes one lower: skills fade), or a beginner's 0–2; post = pre plus a gain of 0–3,
 * kept plausible (not past the course's target + 1, never above 4); a few pre- or
 * post-assessments are missing, as in real classes.
 * Deterministic, and only missing (enrolment, unit, kind) records are created.
 */
export async function seedAssessmentsDemo(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now();
  const added = await ensureDemoWorkerHistory(now);
  const sessions = await TrainingSession.find(pastFilter(now), { course: 1, instructors: 1, firstStart: 1, lastEnd: 1 }).sort({ firstStart: 1, _id: 1 }).lean();
  if (sessions.length === 0) return added;
  const sessionIds = sessions.map((s) => s._id);
  const [courses, instructors, coordinator, enrolments, existing] = await Promise.all([
    Course.find({ _id: trusted({ $in: [...new Set(sessions.map((s) => String(s.course)))] }) }, { units: 1 }).lean(),
    Instructor.find({ _id: trusted({ $in: sessions.flatMap((s) => s.instructors ?? []) }) }, { name: 1, user: 1 }).lean(),
    User.findOne({ email: 'koordinator@takaru.test' }, { name: 1 }).lean(),
    Enrollment.find({ session: trusted({ $in: sessionIds }), status: 'enrolled' }, { session: 1, worker: 1 }).sort({ _id: 1 }).lean(),
    Assessment.find({ session: trusted({ $in: sessionIds }) }, { enrollment: 1, unit: 1, kind: 1, level: 1 }).lean(),
  ]);
  const courseById = new Map(courses.map((c) => [String(c._id), c]));
  const instructorById = new Map(instructors.map((i) => [String(i._id), i]));
  const stored = new Map(existing.map((a) => [`${a.enrollment}_${a.unit}_${a.kind}`, a.level]));
  const bySession = new Map<string, typeof enrolments>();
  for (const e of enrolments) bySession.set(String(e.session), [...(bySession.get(String(e.session)) ?? []), e]);

  const rnd = prng(20260401);
  const known = new Map<string, number>();
  const docs: Doc[] = [];
  for (const s of sessions) {
    const units = courseById.get(String(s.course))?.units ?? [];
    const instructor = instructorById.get(String((s.instructors ?? [])[0]));
    const assessor = instructor?.user ?? coordinator?._id;
    const assessorName = instructor?.name ?? coordinator?.name ?? '';
    const preAt = noonOf(s.firstStart!);
    const postAt = noonOf(s.lastEnd!);
    for (const e of bySession.get(String(s._id)) ?? []) {
      for (const u of units) {
        // Every cell draws the same count of numbers, so adding records never shifts the others.
        const [r1, r2, r3, r4, r5, r6, r7] = Array.from({ length: 7 }, rnd) as [number, number, number, number, number, number, number];
        const k = `${e.worker}_${u.unit}`;
        // A worker back on a course they took before has often lost a little since.
        const before = known.get(k);
        const base = before === undefined ? (r1 < 0.5 ? 0 : r1 < 0.85 ? 1 : 2) : r1 < 0.4 ? Math.max(0, before - 1) : before;
        const gain = r2 < 0.1 ? 0 : r2 < 0.55 ? 1 : r2 < 0.9 ? 2 : 3;
        let pre: number | undefined = r3 < 0.04 ? undefined : base;
        let post: number | undefined = r4 < 0.03 ? undefined : Math.min(4, base + gain, Math.max(u.level + 1, base));
        pre = stored.get(`${e._id}_${u.unit}_pre`) ?? pre;
        post = stored.get(`${e._id}_${u.unit}_post`) ?? post;
        const common = { enrollment: e._id, session: s._id, course: s.course, worker: e.worker, unit: u.unit, assessor, assessorName };
        if (pre !== undefined && !stored.has(`${e._id}_${u.unit}_pre`)) {
          docs.push({ ...common, kind: 'pre', level: pre, assessedAt: preAt, method: r5 < 0.6 ? 'observation' : 'interview', notes: '' });
        }
        if (post !== undefined && !stored.has(`${e._id}_${u.unit}_post`)) {
          const method = r6 < 0.7 ? 'observation' : r6 < 0.9 ? 'case_study' : 'portfolio';
          docs.push({ ...common, kind: 'post', level: post, assessedAt: postAt, method, notes: r7 < 0.12 ? DEMO_NOTES[Math.floor(r7 * 100) % DEMO_NOTES.length] : '' });
        }
        const latest = post ?? pre;
        if (latest !== undefined) known.set(k, latest);
      }
    }
  }
  for (let at = 0; at < docs.length; at += 500) await Assessment.insertMany(docs.slice(at, at + 500));
  await assessmentsChanged({ workers: docs.map((d) => d.worker), sessions: docs.map((d) => d.session) });
  return added + docs.length;
}
