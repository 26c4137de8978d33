import { expect } from 'chai';
import { Assessment, rebuildAssessmentReadModels, sessionAssessments, sessionPosts, workerLevels } from '../../src/modules/assessments';
import { currentLevels, levelHistory } from '../../src/modules/competencies';
import { seedAssessmentsDemo } from '../../src/modules/competencies/assessments.demo';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import { wibParts } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { at, createSessionWith, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';

/** What the source says, by a fresh query (independent of the read model's own build). */
async function sourceEvents(worker: string) {
  const rows = await Assessment.find({ worker }).lean();
  return rows
    .map((a) => ({
      id: String(a._id), workerId: String(a.worker), unitId: String(a.unit), level: a.level, kind: a.kind, assessedAt: a.assessedAt,
      sessionId: String(a.session), courseId: String(a.course), enrollmentId: String(a.enrollment),
    }))
    .sort((a, b) => a.assessedAt.getTime() - b.assessedAt.getTime() || (a.kind === b.kind ? 0 : a.kind === 'pre' ? -1 : 1) || a.id.localeCompare(b.id));
}

/** The `<worker>:<unit>` pairs with a post assessment in `session`, by a fresh query. */
async function sourcePosts(session: string) {
  const rows = await Assessment.find({ session, kind: 'post' }).lean();
  return [...new Set(rows.map((a) => `${String(a.worker)}:${String(a.unit)}`))].sort();
}

/** Every assessment of `session` as its sheet shows it, by a fresh query, by id. */
async function sourceSheet(session: string) {
  const rows = await Assessment.find({ session }).lean();
  return rows
    .map((a) => ({
      id: String(a._id), kind: a.kind, enrollment: String(a.enrollment), worker: String(a.worker), unit: String(a.unit), level: a.level,
      assessedAt: a.assessedAt, method: a.method, notes: a.notes ?? '', assessorName: a.assessorName ?? '',
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * After every kind of write of assessments, the **stored** `worker-levels` document (not rebuilt on
 * read) of every worker involved equals a fresh query of the assessments. Before each write the
 * documents are read (as pages do), so a writer that forgets `assessmentsChanged` leaves one
 * stale and this test fails. The same for `session-assessments` (the sheet reads it) and
 * `session-posts` (the instructor's home) of every session with assessments.
 */
describe('worker-levels read model matches the assessments after every kind of write', () => {
  async function setup() {
    const ctx = buildApp();
    const now = ctx.clock.now();
    const las = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
    const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Prinsip K3', en: 'Safety' }, trade: 'safety' });
    const workers = [await createWorker({ name: 'Budi Santoso' }), await createWorker({ name: 'Siti Rahayu' }), await createWorker({ name: 'Eko Prasetyo' })];
    const s = await createSessionWith({ units: [{ unit: las._id, level: 2 }, { unit: k3._id, level: 3 }], workers, now, daysAgo: 10, days: 2 });
    const coordinator = await createUser({ email: 'koor@wl.test', roles: ['coordinator'], name: 'Joko Susilo' });
    const actor = { id: String(coordinator._id), roles: ['coordinator'] };
    const dates = { pre: wibParts(s.session.firstStart!).date, post: wibParts(s.session.lastEnd!).date };
    return { ...ctx, las, k3, workers, s, actor, dates };
  }
  let ctx: Awaited<ReturnType<typeof setup>>;
  const ids = () => ctx.workers.map((w) => String(w._id));

  const sessionsNow = async () => [...new Set([String(ctx.s.session._id), ...(await Assessment.find({}, { session: 1 }).lean()).map((a) => String(a.session))])];

  async function viewed() {
    await workerLevels.getMany(ids());
    await sessionAssessments.getMany(await sessionsNow());
    await sessionPosts.getMany(await sessionsNow());
  }

  async function expectInSync(label: string) {
    for (const w of ids()) {
      const stored = await ReadModelDoc.findById(`worker-levels:${w}`).lean();
      expect(stored, `${label}: worker-levels:${w} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: worker-levels:${w}`).to.deep.equal({ worker: w, events: await sourceEvents(w) });
    }
    for (const session of await sessionsNow()) {
      const sheet = await ReadModelDoc.findById(`session-assessments:${session}`).lean();
      expect(sheet, `${label}: session-assessments:${session} stored`).to.not.equal(null);
      expect(sheet!.data, `${label}: session-assessments:${session}`).to.deep.equal({ session, assessments: await sourceSheet(session) });
      const stored = await ReadModelDoc.findById(`session-posts:${session}`).lean();
      expect(stored, `${label}: session-posts:${session} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: session-posts:${session}`).to.deep.equal({ session, posts: await sourcePosts(session) });
    }
  }

  async function step(label: string, write: () => Promise<unknown>) {
    await viewed();
    await write();
    await expectInSync(label);
  }

  beforeEach(async () => {
    ctx = await setup();
  });

  it('the assessment sheet: record, change, remove; and what the competencies reads return', async function () {
    this.timeout(60_000);
    const { services, s, actor, dates, las, k3 } = ctx;
    const [e0, e1] = s.enrollments.map((e) => String(e._id)) as [string, string];
    const save = (cells: { enrollment: string; unit: string; pre?: number | null; post?: number | null; note?: string }[]) =>
      services.assessments.assessments.saveSheet(actor, String(s.session._id), {
        pre: { date: dates.pre, method: 'observation' }, post: { date: dates.post, method: 'interview' }, cells,
      }, 'id');
    await step('record pre and post', () => save([
      { enrollment: e0, unit: las.id, pre: 1, post: 3 }, { enrollment: e1, unit: k3.id, pre: 2 },
    ]));
    await step('change a level', () => save([{ enrollment: e0, unit: las.id, post: 2 }]));
    await step('remove an assessment', () => save([{ enrollment: e0, unit: las.id, post: null }, { enrollment: e1, unit: k3.id, post: 4 }]));

    const [w0, w1] = ids() as [string, string];
    const levels = await currentLevels([w0, w1, ids()[2]!]);
    expect(levels.get(w0)?.get(las.id)?.level).to.equal(1);
    expect(levels.get(w1)?.get(k3.id)?.level).to.equal(4);
    expect(levels.has(ids()[2]!)).to.equal(false);
    expect((await levelHistory(w1)).map((e) => [e.kind, e.level])).to.deep.equal([['pre', 2], ['post', 4]]);
  });

  it('the test factory and the demo seed', async function () {
    this.timeout(60_000);
    const { s, las, k3 } = ctx;
    const [e0] = s.enrollments;
    await step('factory', () => recordAssessment({ kind: 'pre', enrollment: e0!, course: s.course._id, unit: las._id, level: 2, assessedAt: at('2026-03-02') }));
    await step('demo seed', () => seedAssessmentsDemo(ctx.deps));
    expect(await Assessment.countDocuments({ unit: k3._id })).to.be.greaterThan(0);
  });

  it('assessments written in bulk (generator) are rebuilt from one read', async () => {
    const { s, las } = ctx;
    await viewed();
    await Assessment.insertMany(s.enrollments.map((e, i) => ({
      kind: 'post', enrollment: e._id, session: s.session._id, course: s.course._id, worker: e.worker, unit: las._id, level: i, assessedAt: at('2026-03-06'), method: 'observation',
    })));
    await rebuildAssessmentReadModels();
    await expectInSync('after generate');
  });
});
