import { expect } from 'chai';
import { Types } from 'mongoose';
import { AuditEntry } from '../../src/modules/audit';
import { ContinuityConfirmation, ContinuityEntry, lastUses, newSubmissionToken } from '../../src/modules/continuity';
import { ManualClock } from '../../src/platform/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors';
import type { Actor } from '../../src/platform/actor';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { logUse, wibDay } from '../support/continuity-factories';

const NOW = new Date('2026-07-01T03:00:00Z'); // 1 July 2026, 10:00 WIB

async function setup() {
  const ctx = buildApp({ clock: new ManualClock(NOW) });
  const shop = await createWorkshop({ name: 'Logam Jaya' });
  const other = await createWorkshop({ name: 'Sinar Las' });
  const koor = await createUser({ roles: ['coordinator'] });
  const actor: Actor = { id: koor.id, roles: ['coordinator'] };
  const ani = await createWorker(shop._id, { name: 'Ani' });
  const budi = await createWorker(shop._id, { name: 'Budi' });
  const turner = await createWorker(shop._id, { name: 'Citra', trades: ['machining'] });
  const stranger = await createWorker(other._id, { name: 'Dedi' });
  return { ...ctx, shop, other, koor, actor, ani, budi, turner, stranger };
}

const counts = async () => ({
  confirmations: await ContinuityConfirmation.countDocuments(),
  entries: await ContinuityEntry.countDocuments(),
  audit: await AuditEntry.countDocuments(),
});

describe('continuity: six-monthly confirmation of a workshop', () => {
  it('confirms the ticked welders in one step: one confirmation, one entry per welder × process, all audited', async () => {
    const { services, shop, actor, ani, budi, koor } = await setup();
    const outcome = await services.continuity.confirmations.confirmWorkshop(actor, shop.id, {
      date: '2026-06-30', evidence: 'Rekap job Jan–Jun 2026', supervisor: 'Pak Harto', submission: newSubmissionToken(),
      selections: [{ workerId: ani.id, processes: ['SMAW', 'GMAW'] }, { workerId: budi.id, processes: ['SMAW'] }],
    });
    expect(outcome).to.include({ created: true, entries: 3 });
    const confirmation = await ContinuityConfirmation.findById(outcome.id).lean();
    expect(String(confirmation!.workshop)).to.equal(shop.id);
    expect(String(confirmation!.confirmedBy)).to.equal(koor.id);
    expect(confirmation!.confirmedAt.toISOString()).to.equal(wibDay('2026-06-30').toISOString());
    expect(confirmation!.processes).to.deep.equal(['SMAW', 'GMAW']);
    expect(confirmation!.workers.map(String)).to.deep.equal([ani.id, budi.id]);

    const entries = await ContinuityEntry.find().lean();
    expect(entries.map((e) => `${e.worker}:${e.process}`).sort()).to.deep.equal([`${ani.id}:GMAW`, `${ani.id}:SMAW`, `${budi.id}:SMAW`].sort());
    for (const e of entries) {
      expect(String(e.confirmation)).to.equal(outcome.id);
      expect(e).to.include({ kind: 'use', evidence: 'Rekap job Jan–Jun 2026', supervisor: 'Pak Harto' });
      expect(String(e.recordedBy)).to.equal(koor.id);
    }
    const trail = await AuditEntry.find().lean();
    expect(trail.filter((a) => a.action === 'continuity.confirm').map((a) => String(a.subject))).to.deep.equal([outcome.id]);
    expect(trail.filter((a) => a.action === 'continuity.log').map((a) => String(a.subject)).sort()).to.deep.equal(entries.map((e) => String(e._id)).sort());

    const uses = await lastUses([ani.id]);
    expect(uses.map((u) => u.process).sort()).to.deep.equal(['GMAW', 'SMAW']);
  });

  it('confirms once when the same form is submitted twice', async () => {
    const { services, shop, actor, ani } = await setup();
    const input = { date: '2026-06-30', evidence: 'Rekap', submission: newSubmissionToken(), selections: [{ workerId: ani.id, processes: ['SMAW' as const] }] };
    const first = await services.continuity.confirmations.confirmWorkshop(actor, shop.id, input);
    const again = await services.continuity.confirmations.confirmWorkshop(actor, shop.id, input);
    expect(again).to.deep.equal({ id: first.id, created: false, entries: 0 });
    expect(await counts()).to.deep.equal({ confirmations: 1, entries: 1, audit: 2 });
  });

  it('checks everything before writing: a non-welder, another workshop\'s welder, a missing process or a future date write nothing', async () => {
    const { services, shop, actor, ani, turner, stranger } = await setup();
    const confirm = (over: Record<string, unknown>) =>
      services.continuity.confirmations.confirmWorkshop(actor, shop.id, {
        date: '2026-06-30', evidence: 'Rekap', submission: newSubmissionToken(), selections: [{ workerId: ani.id, processes: ['SMAW'] }], ...over,
      });
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ selections: [{ workerId: ani.id, processes: ['SMAW'] }, { workerId: turner.id, processes: ['SMAW'] }] }, { workers: 'continuity:validation.not_welder_here' }],
      [{ selections: [{ workerId: ani.id, processes: ['SMAW'] }, { workerId: stranger.id, processes: ['SMAW'] }] }, { workers: 'continuity:validation.not_welder_here' }],
      [{ selections: [{ workerId: ani.id, processes: [] }] }, { workers: 'continuity:validation.process_missing' }],
      [{ selections: [] }, { workers: 'continuity:validation.no_welders' }],
      [{ date: '2026-07-02' }, { date: 'continuity:validation.date_future' }],
    ];
    for (const [over, fields] of cases) {
      const err = await confirm(over).catch((e: unknown) => e);
      expect(err, JSON.stringify(over)).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).fields).to.deep.equal(fields);
    }
    expect(await counts()).to.deep.equal({ confirmations: 0, entries: 0, audit: 0 });
    // Today (WIB) is fine.
    await confirm({ date: '2026-07-01' });
    expect(await ContinuityEntry.countDocuments()).to.equal(1);
  });

  it('lets a manager confirm their own workshop only; workers not at all', async () => {
    const { services, shop, other, ani } = await setup();
    const manager = await createUser({ roles: ['manager'], workshop: shop._id });
    const input = { date: '2026-06-30', evidence: 'Rekap', submission: newSubmissionToken(), selections: [{ workerId: ani.id, processes: ['SMAW' as const] }] };
    const mine: Actor = { id: manager.id, roles: ['manager'], workshopId: shop.id };
    const err = await services.continuity.confirmations.confirmWorkshop(mine, other.id, input).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(NotFoundError);
    const worker: Actor = { id: String(new Types.ObjectId()), roles: ['worker'], workshopId: shop.id };
    expect(await services.continuity.confirmations.confirmWorkshop(worker, shop.id, input).catch((e: unknown) => e)).to.be.instanceOf(ForbiddenError);
    expect(await counts()).to.deep.equal({ confirmations: 0, entries: 0, audit: 0 });
    expect((await services.continuity.confirmations.confirmWorkshop(mine, shop.id, input)).created).to.equal(true);
  });
});

describe('continuity: log entries and last uses', () => {
  it('logs a use with an audit entry, and refuses non-welders, future dates and exact duplicates', async () => {
    const { services, actor, ani, turner } = await setup();
    const input = { process: 'GTAW' as const, date: '2026-06-20', kind: 'use' as const, evidence: 'WPS-LJT-GTAW-02', supervisor: 'Pak Harto' };
    const id = await services.continuity.log.logEntry(actor, ani.id, input);
    const trail = await AuditEntry.find({ subject: new Types.ObjectId(id) }).lean();
    expect(trail.map((a) => a.action)).to.deep.equal(['continuity.log']);
    expect(trail[0]!.details).to.include({ worker: ani.id, process: 'GTAW', date: '2026-06-20' });

    const refusals: Array<[string, typeof input, Record<string, string>]> = [
      [ani.id, input, { _form: 'continuity:validation.duplicate' }],
      [ani.id, { ...input, date: '2026-07-02' }, { date: 'continuity:validation.date_future' }],
      [turner.id, input, { _form: 'continuity:validation.not_welder' }],
    ];
    for (const [worker, data, fields] of refusals) {
      const err = await services.continuity.log.logEntry(actor, worker, data).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).fields).to.deep.equal(fields);
    }
    expect(await ContinuityEntry.countDocuments()).to.equal(1);
    expect(await AuditEntry.countDocuments()).to.equal(1);
  });

  it('gives the latest use per worker and process, test welds included, for the workers asked and up to a day', async () => {
    const { ani, budi } = await setup();
    await logUse(ani._id, 'SMAW', '2026-01-10');
    await logUse(ani._id, 'SMAW', '2026-03-05');
    await logUse(ani._id, 'SMAW', '2026-02-01');
    await logUse(ani._id, 'GMAW', '2026-04-01', { kind: 'test_weld' });
    await logUse(budi._id, 'SMAW', '2025-12-24');
    const mine = await lastUses([ani.id]);
    expect(mine.map((u) => [u.process, u.lastUse.toISOString()]).sort()).to.deep.equal([
      ['GMAW', wibDay('2026-04-01').toISOString()],
      ['SMAW', wibDay('2026-03-05').toISOString()],
    ]);
    expect((await lastUses()).length).to.equal(3);
    expect(await lastUses([])).to.deep.equal([]);
    // An entry dated after `asOf` does not count yet.
    await logUse(budi._id, 'SMAW', '2026-08-01');
    expect((await lastUses([budi.id], NOW))[0]!.lastUse.toISOString()).to.equal(wibDay('2025-12-24').toISOString());
    expect((await lastUses([budi.id]))[0]!.lastUse.toISOString()).to.equal(wibDay('2026-08-01').toISOString());
  });

  it('limits a manager\'s overview to their workshop, whatever the filter asks', async () => {
    const { services, shop, other, ani, stranger } = await setup();
    await logUse(ani._id, 'SMAW', '2025-12-20');
    await logUse(stranger._id, 'SMAW', '2025-12-20');
    const manager: Actor = { id: String(new Types.ObjectId()), roles: ['manager'], workshopId: shop.id };
    const page = await services.continuity.log.overview(manager, { workshop: other.id, status: 'at_risk' });
    expect(page.workshopId).to.equal(shop.id);
    expect(page.rows.map((r) => r.workerName)).to.deep.equal(['Ani']);
  });
});
