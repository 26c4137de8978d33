import { expect } from 'chai';
import { trusted } from 'mongoose';
import { seedDemoData } from '../../src/demo/seed';
import { User } from '../../src/modules/accounts';
import { Assessment } from '../../src/modules/assessments';
import { CompetencyUnit } from '../../src/modules/catalogue';
import { JobProfile, currentLevels, gainRows, levelHistory, rollupGains } from '../../src/modules/competencies';
import { Enrollment, TrainingSession } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { POSITIONS } from '../../src/modules/workers/demo-workers.data';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { at, createSessionWith, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';

async function history() {
  const las = await createUnit({ code: 'C.24LAS01.029.1' });
  const k3 = await createUnit({ code: 'C.28LOG20.003.2', trade: 'safety' });
  const shopA = await createWorkshop();
  const shopB = await createWorkshop();
  const budi = await createWorker({ workshop: shopA._id });
  const siti = await createWorker({ workshop: shopB._id });
  const jan = await createSessionWith({ units: [{ unit: las._id, level: 2 }, { unit: k3._id, level: 3 }], workers: [budi, siti], trade: 'welding' });
  const mar = await createSessionWith({ units: [{ unit: k3._id, level: 3 }], workers: [budi], trade: 'safety' });
  const [jb, js] = jan.enrollments as [(typeof jan.enrollments)[number], (typeof jan.enrollments)[number]];
  const mb = mar.enrollments[0]!;
  const rec = (kind: 'pre' | 'post', e: typeof jb, course: typeof jan.course, unit: typeof las, level: number, date: string) =>
    recordAssessment({ kind, enrollment: e, course: course._id, unit: unit._id, level, assessedAt: at(date) });
  await rec('pre', jb, jan.course, las, 1, '2026-01-05');
  await rec('post', jb, jan.course, las, 3, '2026-01-09');
  await rec('pre', jb, jan.course, k3, 2, '2026-01-05');
  await rec('post', jb, jan.course, k3, 3, '2026-01-09');
  await rec('pre', js, jan.course, las, 4, '2026-01-05');
  await rec('post', js, jan.course, las, 4, '2026-01-09');
  await rec('post', js, jan.course, k3, 2, '2026-01-09');
  await rec('pre', mb, mar.course, k3, 2, '2026-03-02');
  await rec('post', mb, mar.course, k3, 4, '2026-03-02');
  return { las, k3, shopA, shopB, budi, siti, jan, mar };
}

describe('competencies: current levels, history and gains from the database', () => {
  it('takes the latest assessed level per worker and unit, and keeps the history in date order', async () => {
    const h = await history();
    const levels = await currentLevels([h.budi.id]);
    expect([...levels.keys()]).to.deep.equal([h.budi.id]);
    expect(levels.get(h.budi.id)!.get(h.las.id)!.level).to.equal(3);
    expect(levels.get(h.budi.id)!.get(h.k3.id)).to.deep.include({ level: 4, kind: 'post', sessionId: h.mar.session.id });
    expect((await currentLevels()).get(h.siti.id)!.get(h.k3.id)!.level).to.equal(2);
    expect((await currentLevels([])).size).to.equal(0);
    const past = await levelHistory(h.budi.id);
    expect(past.filter((e) => e.unitId === h.k3.id).map((e) => [e.kind, e.level])).to.deep.equal([['pre', 2], ['post', 3], ['pre', 2], ['post', 4]]);
    expect(await levelHistory('not-an-id')).to.deep.equal([]);
  });

  it('pairs pre and post per enrolment and unit, filters them, and rolls them up', async () => {
    const h = await history();
    const all = await gainRows();
    expect(all).to.have.length(5);
    const sitiK3 = all.find((r) => r.workerId === h.siti.id && r.unitId === h.k3.id)!;
    expect([sitiK3.pre, sitiK3.post, sitiK3.gain]).to.deep.equal([undefined, 2, undefined]);
    expect((await gainRows({ workshopId: h.shopB.id })).every((r) => r.workerId === h.siti.id)).to.equal(true);
    expect(await gainRows({ courseId: h.mar.course.id })).to.have.length(1);
    expect((await gainRows({ trade: 'safety' })).map((r) => r.sessionId)).to.deep.equal([h.mar.session.id]);
    expect(await gainRows({ trade: 'safety', courseId: h.jan.course.id })).to.deep.equal([]);
    expect(await gainRows({ from: at('2026-02-01'), to: at('2026-04-01') })).to.have.length(1);
    expect(await gainRows({ workerIds: [h.siti.id], unitId: h.las.id })).to.have.length(1);

    const byWorkshop = rollupGains(all, 'workshop');
    const a = byWorkshop.find((g) => g.key === h.shopA.id)!;
    expect(a).to.deep.include({ rows: 3, pairs: 3, meanGain: (2 + 1 + 2) / 3, normalisedPairs: 3 });
    expect(a.meanNormalisedGain).to.be.closeTo((2 / 3 + 1 / 2 + 1) / 3, 1e-9);
    expect(byWorkshop.find((g) => g.key === h.shopB.id)).to.deep.include({ rows: 2, pairs: 1, meanGain: 0, normalisedPairs: 0 });
    expect(rollupGains(all, 'trade').map((g) => [g.key, g.pairs])).to.deep.equal([['safety', 1], ['welding', 3]]);
    expect(rollupGains(all, 'month').map((g) => [g.key, g.rows])).to.deep.equal([['2026-01', 4], ['2026-03', 1]]);
    expect(rollupGains(await gainRows({ workerIds: [] }), 'worker')).to.deep.equal([]);
  });

  it('keeps one assessment per enrolment, unit and kind, even when a sheet is saved twice at once', async () => {
    const ctx = buildApp();
    const las = await createUnit();
    const w = await createWorker();
    const s = await createSessionWith({ units: [{ unit: las._id, level: 2 }], workers: [w], now: ctx.clock.now() });
    const e = s.enrollments[0]!;
    const coordinator = await createUser({ roles: ['coordinator'] });
    const actor = { id: coordinator.id, roles: ['coordinator'] };
    const date = new Date(s.session.firstStart!.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    const input = (level: number) => ({ pre: { date, method: 'observation' }, post: {}, cells: [{ enrollment: e.id, unit: las.id, pre: level }] });
    const saves = await Promise.allSettled([1, 2, 3].map((l) => ctx.services.assessments.assessments.saveSheet(actor, s.session.id, input(l) as never, 'id')));
    expect(saves.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await Assessment.countDocuments()).to.equal(1);
    let dup: unknown;
    try {
      await recordAssessment({ kind: 'pre', enrollment: e, course: s.course._id, unit: las._id, level: 2, assessedAt: new Date() });
    } catch (err) {
      dup = err;
    }
    expect(dup, 'the unique index refuses a second pre-assessment').to.not.equal(undefined);
  });
});

describe('competencies: demo data', () => {
  it('adds elements, job profiles for every position, and pre/post assessments for finished classes, once', async function () {
    this.timeout(180000);
    const { deps } = buildApp();
    await seedDemoData(deps);
    const positions = Object.values(POSITIONS).flatMap((list) => list.map(([p]) => p));
    expect(await JobProfile.countDocuments()).to.equal(positions.length);
    const smaw = await JobProfile.findOne({ position: 'Juru las SMAW 3G' }).lean();
    const las = await CompetencyUnit.findOne({ code: 'C.24LAS01.029.1' }).lean();
    expect(smaw!.requirements.find((r) => String(r.unit) === String(las!._id))!.level).to.equal(3);
    expect(las!.elements.length).to.be.at.least(2);
    expect(await CompetencyUnit.countDocuments({ synthetic: true, 'elements.0': trusted({ $exists: true }) })).to.equal(0);

    const now = deps.clock.now();
    const assessed = await Assessment.distinct('session');
    const sessions = await TrainingSession.find({ _id: trusted({ $in: assessed }) }, { lastEnd: 1 }).lean();
    expect(sessions.length).to.be.at.least(40);
    expect(sessions.every((s) => s.lastEnd!.getTime() <= now.getTime())).to.equal(true);
    const rows = await gainRows();
    const pairs = rows.filter((r) => r.gain !== undefined);
    expect(pairs.length).to.be.greaterThan(200);
    expect(rows.length - pairs.length).to.be.greaterThan(0);
    expect(pairs.every((r) => r.post! >= 0 && r.post! <= 4 && r.gain! >= 0)).to.equal(true);
    expect(pairs.filter((r) => r.gain! > 0).length / pairs.length).to.be.greaterThan(0.5);

    const demoUser = await User.findOne({ email: 'pekerja@takaru.test' }).lean();
    const demoWorker = await Worker.findOne({ user: demoUser!._id }).lean();
    const mine = rows.filter((r) => r.workerId === String(demoWorker!._id));
    expect(new Set(mine.map((r) => r.sessionId)).size).to.be.at.least(2);
    expect(await Enrollment.countDocuments({ worker: demoWorker!._id, status: 'enrolled', session: trusted({ $in: mine.map((r) => r.sessionId) }) })).to.equal(new Set(mine.map((r) => r.sessionId)).size);

    const before = await Assessment.countDocuments();
    expect((await seedDemoData(deps)).created).to.equal(0);
    expect(await Assessment.countDocuments()).to.equal(before);
  });
});
