/**
 * `npx mocha bench/enrolment-reads.bench.ts` (on the test database the mocha fixture starts)
 *
 * Documents the database reads for one `/my/schedule` of a worker (ScheduleService.mySchedule),
 * before (the committed schedule.service.ts, read with `git show HEAD:`) and after the enrolment read
 * models, on generated history: WORKERS workers, SESSIONS sessions, each with ~PER_SESSION enrolments.
 * Counted by driver command monitoring with FerretDB v1's rule: a filter that is exactly
 * `{_id: value}` reads at most one document, any other filter the whole collection.
 * Prints a table; asserts nothing beyond "after reads fewer enrolments than before".
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import mongoose, { Types } from 'mongoose';
import { ManualClock } from '../src/platform/clock';
import { ScheduleService } from '../src/modules/calendar/schedule.service';
import { Enrollment, Meeting, TrainingSession, rebuildEnrolmentReadModels } from '../src/modules/scheduling';
import { Worker } from '../src/modules/workers';
import { createUser } from '../test/support/factories';
import { makeCourse, makeInstructor, makeRoom } from '../test/support/scheduling-factories';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 400);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 300);
const PER_SESSION = 10;
const DAY = 86_400_000;

type Counts = Map<string, { commands: number; docs: number }>;

function monitor(sizes: Map<string, number>): { counts: Counts; stop: () => void } {
  const counts: Counts = new Map();
  const client = mongoose.connection.getClient();
  const onStart = (ev: { commandName: string; command: Record<string, unknown> }) => {
    const coll = String(ev.command[ev.commandName] ?? '');
    if (!sizes.has(coll)) return;
    const filter = (ev.commandName === 'aggregate' ? ((ev.command.pipeline as Record<string, unknown>[])?.[0]?.$match) : ev.command.filter ?? ev.command.query) as Record<string, unknown> | undefined;
    const byId = !!filter && Object.keys(filter).length === 1 && '_id' in filter && (typeof filter._id !== 'object' || filter._id instanceof Types.ObjectId);
    const c = counts.get(coll) ?? { commands: 0, docs: 0 };
    c.commands++;
    c.docs += byId ? 1 : sizes.get(coll)!;
    counts.set(coll, c);
  };
  client.on('commandStarted', onStart);
  return { counts, stop: () => client.off('commandStarted', onStart) };
}

describe('bench: documents read per /my/schedule (enrolment read models)', () => {
  it('prints before/after', async function () {
    this.timeout(600_000);
    const now = new Date('2026-12-01T00:00:00Z');
    const [course, room, instructor] = [await makeCourse(), await makeRoom(), await makeInstructor()];
    const user = await createUser({ roles: ['worker'] });
    const workers = await Worker.insertMany(
      Array.from({ length: WORKERS }, (_, i) => ({ name: `Bench ${i}`, phone: `+6281290${String(i).padStart(6, '0')}`, workshop: user.workshop, trades: ['welding'], ...(i === 0 ? { user: user._id } : {}) })),
    );
    const sessions = [], meetings = [], enrolments = [];
    for (let s = 0; s < SESSIONS; s++) {
      const start = new Date(now.getTime() + (s - SESSIONS * 0.8) * 3 * DAY);
      const id = new Types.ObjectId();
      sessions.push({ _id: id, course: course._id, room: room._id, instructors: [instructor._id], capacity: PER_SESSION, state: 'open', firstStart: start, lastEnd: new Date(start.getTime() + 4 * 3600_000) });
      meetings.push({ session: id, start, end: new Date(start.getTime() + 4 * 3600_000), room: room._id, instructors: [instructor._id], checkinToken: `t${s}` });
      const chosen = new Set<number>(s % 6 === 0 ? [0] : []);
      while (chosen.size < PER_SESSION) chosen.add(Math.floor(Math.random() * WORKERS));
      for (const w of chosen) enrolments.push({ session: id, worker: workers[w]!._id, status: 'enrolled', requestedBy: 'coordinator', enrolledAt: now });
    }
    await TrainingSession.insertMany(sessions);
    await Meeting.insertMany(meetings);
    await Enrollment.insertMany(enrolments);
    await rebuildEnrolmentReadModels();
    const db = mongoose.connection.db!;
    const sizes = new Map<string, number>();
    for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) sizes.set(c.name, await db.collection(c.name).countDocuments({}));

    // The committed version, next to this one, run on the same data.
    const oldFile = path.join(__dirname, '../src/modules/calendar/zz-schedule-before.bench-tmp.ts');
    writeFileSync(oldFile, execFileSync('git', ['show', 'HEAD:src/modules/calendar/schedule.service.ts'], { encoding: 'utf8' }));
    try {
      const { ScheduleService: Before } = (await import(oldFile)) as { ScheduleService: typeof ScheduleService };
      const clock = new ManualClock(now);
      const actor = { id: String(user._id), roles: ['worker'] };
      const rows: string[] = [];
      const run = async (label: string, svc: ScheduleService) => {
        await svc.mySchedule(actor, undefined, 'id'); // warm: caches, read models built
        const m = monitor(sizes);
        const t0 = performance.now();
        const page = await svc.mySchedule(actor, undefined, 'id');
        const ms = performance.now() - t0;
        m.stop();
        const e = m.counts.get('enrollments') ?? { commands: 0, docs: 0 };
        const total = [...m.counts.values()].reduce((a, c) => ({ commands: a.commands + c.commands, docs: a.docs + c.docs }), { commands: 0, docs: 0 });
        rows.push(`| ${label} | ${page.count} | ${e.commands} | ${e.docs} | ${total.commands} | ${total.docs} | ${ms.toFixed(1)} |`);
        return e.docs;
      };
      const before = await run('before (HEAD)', new Before({ clock }));
      const after = await run('after (read models)', new ScheduleService({ clock }));
      process.stdout.write(
        `\n/my/schedule, ${WORKERS} workers, ${SESSIONS} sessions, ${enrolments.length} enrolments, ${meetings.length} meetings\n` +
          '| version | meetings shown | enrolment commands | enrolment docs read | all commands | all docs read | ms |\n|---|---|---|---|---|---|---|\n' +
          `${rows.join('\n')}\n`,
      );
      expect(after).to.be.lessThan(before);
    } finally {
      rmSync(oldFile, { force: true });
    }
  });
});
