import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { Course } from '../../src/modules/catalogue';
import { TrainingSession } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { ManualClock } from '../../src/platform/clock';
import { buildApp, type TestContext } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { signIn, type Agent } from '../support/http';
import { at, createInstructor, createSession, enroll } from '../support/attendance-factories';
import { createProfile, createUnit, createWorker } from '../support/competencies-factories';
import { TEST_DB } from '../support/fixtures';
import { commandsDuring, idOnly } from '../support/db-commands';

/** Monday 2 March 2026, 06:00 WIB. */
const NOW = at('2026-03-02', '06:00');
const DAY = 24 * 3600 * 1000;
/** Collections that grow with the history kept (or the people on record): never filtered by a page. */
const GROWING = new Set(['trainingsessions', 'meetings', 'enrollments', 'seats', 'workers']);

/** Reads of `collections` with any filter but `{_id: value}` (a scan of all of it on FerretDB) while `fn` runs. */
async function sessionScans(fn: () => Promise<unknown>, collections: ReadonlySet<string> = GROWING): Promise<number> {
  return (await commandsDuring(fn)).filter((c) => c.read && c.collection !== undefined && collections.has(c.collection) && !idOnly(c.filter)).length;
}

/**
 * Siti (a worker with a skill gap an open class closes, and a class that needs a course she took),
 * an instructor teaching a class next week, a coordinator.
 */
async function fixture(ctx: TestContext) {
  const unit = await createUnit({ title: { id: 'Mengelas pelat posisi datar', en: 'Weld plate, flat position' } });
  await createProfile({ position: 'Juru las SMAW 3G', requirements: [{ unit: unit._id, level: 3 }] });
  await createWorker({ name: 'Siti Rahayu', email: 'siti@bounded.test' });
  const siti = (await Worker.findOne({ name: 'Siti Rahayu' }).lean())!;
  const insUser = await createUser({ email: 'ins@bounded.test', roles: ['instructor'] });
  const ins = await createInstructor(insUser._id);
  await createUser({ email: 'koor@bounded.test', roles: ['coordinator'] });
  const gapCourse = await Course.create({ code: 'GAP-1', title: { id: 'Pengelasan Pelat Lanjutan', en: 'Advanced Plate Welding' }, trade: 'welding', durationHours: 16, units: [{ unit: unit._id, level: 3 }] });
  const gapClass = await createSession({ course: gapCourse, starts: [new Date(NOW.getTime() + 10 * DAY)] });
  const basics = await Course.create({ code: 'PRE-1', title: { id: 'Dasar Las', en: 'Welding Basics' }, trade: 'welding', durationHours: 8 });
  const advanced = await Course.create({ code: 'PRE-2', title: { id: 'Las Lanjut', en: 'Welding Advanced' }, trade: 'welding', durationHours: 8, prerequisites: [basics._id] });
  const taken = await createSession({ course: basics, starts: [new Date(NOW.getTime() - 40 * DAY)] });
  await enroll(taken.session, siti);
  await createSession({ course: advanced, starts: [new Date(NOW.getTime() + 12 * DAY)] });
  const taught = await createSession({ instructors: [ins._id], starts: [new Date(NOW.getTime() + 7 * DAY)] });
  await enroll(taught.session, siti);
  return { siti, ins, gapClass, taught };
}

let made = 0;
/** Ended classes: taught by the instructor, attended by Siti, some cancelled — history that only grows. */
async function addHistory(f: Awaited<ReturnType<typeof fixture>>, n: number) {
  for (let i = 0; i < n; i++, made++) {
    const s = await createSession({ instructors: [f.ins._id], starts: [new Date(NOW.getTime() - (3 + made) * DAY)], state: made % 4 === 3 ? 'cancelled' : 'open' });
    await enroll(s.session, f.siti);
  }
}

describe('session pages read a bounded number of sessions', () => {
  beforeEach(() => {
    made = 0;
  });

  it('lists, shows and counts sessions from memory: no filter on sessions, meetings, enrolments or workers reaches the database, whatever the history', async function () {
    this.timeout(180_000);
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const f = await fixture(ctx);
    const worker = await signIn(ctx.app, 'siti@bounded.test', PASSWORD);
    const instructor = await signIn(ctx.app, 'ins@bounded.test', PASSWORD);
    const coordinator = await signIn(ctx.app, 'koor@bounded.test', PASSWORD);
    const course = String(f.gapClass.course._id);
    // The coordinator's home also lists people no notice reaches (notifications' own read of workers): sessions only.
    const SESSIONS = new Set(['trainingsessions']);
    const pages: [string, Agent, string, ReadonlySet<string>?][] = [
      ['/sessions', coordinator, f.gapClass.session.id],
      ['/sessions?when=past', coordinator, ''],
      [`/sessions?when=all&course=${course}`, coordinator, f.gapClass.session.id],
      [`/sessions/${f.taught.session.id}`, instructor, 'Siti Rahayu'],
      ['/sessions/open', worker, 'PRE-2'],
      ['/home/worker', worker, 'Pengelasan Pelat Lanjutan'],
      ['/my/skills', worker, 'Pengelasan Pelat Lanjutan'],
      ['/home/instructor', instructor, ''],
      ['/home/coordinator', coordinator, '', SESSIONS],
    ];
    const measure = async () => {
      const out: Record<string, number> = {};
      for (const [url, agent, shows, collections] of pages) {
        await agent.get(url).expect(200); // warms the process caches, as any earlier page view does
        out[url] = await sessionScans(async () => {
          const res = await agent.get(url).expect(200);
          expect(res.text, url).to.include(shows);
        }, collections);
      }
      return out;
    };
    await addHistory(f, 10);
    const some = await measure();
    await addHistory(f, 20);
    const more = await measure();
    const none = Object.fromEntries(pages.map(([url]) => [url, 0]));
    expect(some).to.deep.equal(none);
    expect(more).to.deep.equal(none);
    // The history is there: 20 past classes a page, and the instructor's page counts theirs.
    const past = (await coordinator.get('/sessions?when=past').expect(200)).text;
    expect(past.match(/<a href="\/sessions\/[a-f0-9]{24}">/g) ?? []).to.have.length(20);
    expect(await TrainingSession.countDocuments({})).to.equal(34);
  });

  it('shows a session written just before, by this process or another one', async function () {
    this.timeout(120_000);
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const f = await fixture(ctx);
    const coordinator = await signIn(ctx.app, 'koor@bounded.test', PASSWORD);
    const actor = { id: String((await mongoose.connection.db!.collection('users').findOne({ email: 'koor@bounded.test' }))!._id), roles: ['coordinator'] };
    const list = async () => (await coordinator.get('/sessions?when=all').expect(200)).text;
    await list();
    expect(await sessionScans(list), 'served from memory').to.equal(0);

    // Created (a plain insert, as seeds, generators and imports write).
    const added = await createSession({ course: await Course.create({ code: 'NEW-1', title: { id: 'Kelas Baru', en: 'New Class' }, trade: 'welding', durationHours: 4 }), starts: [new Date(NOW.getTime() + 3 * DAY)] });
    expect(await list()).to.include(`href="/sessions/${added.session.id}"`).and.to.include('NEW-1');

    // Cancelled through the service (its update is what the cache observes).
    await ctx.services.scheduling.sessions.cancelSession(actor, f.gapClass.session.id, 'Ruang dipakai');
    const cancelled = (await ctx.services.scheduling.query.listSessions(actor, { when: 'all', page: 1 }, 'id')).items.find((r) => r.id === f.gapClass.session.id);
    expect(cancelled?.status).to.equal('cancelled');

    // A driver write that bypasses mongoose's models.
    await mongoose.connection.db!.collection('trainingsessions').updateOne({ _id: added.session._id }, { $set: { capacity: 37 } });
    expect((await ctx.services.scheduling.query.listSessions(actor, { when: 'all', page: 1 }, 'id')).items.find((r) => r.id === added.session.id)?.capacity).to.equal(37);

    // Another app process (its own connection): this process learns of it through the stamp.
    // The copy reloads once more when this process's own stamp write has landed.
    let scans = 1;
    for (let i = 0; i < 5 && scans > 0; i++) scans = await sessionScans(list);
    expect(scans, 'served from memory again').to.equal(0);
    const { host, port } = mongoose.connection;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/session-writer-process.ts'), `mongodb://${host}:${port}/`, TEST_DB, added.session.id, '41'], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    expect(code, 'the writer process').to.equal(0);
    expect((await ctx.services.scheduling.query.listSessions(actor, { when: 'all', page: 1 }, 'id')).items.find((r) => r.id === added.session.id)?.capacity).to.equal(41);
  });
});
