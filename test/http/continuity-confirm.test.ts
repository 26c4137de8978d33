import { expect } from 'chai';
import { trusted } from 'mongoose';
import { AuditEntry } from '../../src/modules/audit';
import { ContinuityConfirmation, ContinuityEntry } from '../../src/modules/continuity';
import { ManualClock } from '../../src/platform/clock';
import { formatters } from '../../src/platform/i18n';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { logUse, wibDay } from '../support/continuity-factories';
import { confirmFormFields, throughConfirm } from '../support/confirm';
import { csrfFrom, formBody, mainText, signIn, submitForm } from '../support/http';

const NOW = '2026-07-01T10:00:00+07:00';
const idDate = (d: string) => formatters('id').date(wibDay(d));

/** The hidden one-time token of the confirmation form. */
const submissionOf = (html: string) => /name="submission" value="([a-f0-9]{32})"/.exec(html)![1]!;

async function workshopWithWelders() {
  const shop = await createWorkshop({ name: 'Logam Jaya' });
  const other = await createWorkshop({ name: 'Sinar Las' });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  await createUser({ email: 'manajer@t.test', roles: ['manager'], workshop: other._id });
  const ani = await createWorker(shop._id, { name: 'Ani' });
  const budi = await createWorker(shop._id, { name: 'Budi' });
  const citra = await createWorker(shop._id, { name: 'Citra' });
  await createWorker(shop._id, { name: 'Dian Bubut', trades: ['machining'] });
  await logUse(ani._id, 'SMAW', '2026-01-10');
  await logUse(ani._id, 'GMAW', '2026-02-10');
  await logUse(budi._id, 'SMAW', '2026-01-05'); // within six months of the confirmation: a lapsed process cannot be confirmed
  return { shop, other, ani, budi, citra };
}

describe('continuity: six-monthly confirmation page', () => {
  it('shows the workshop\'s welders ticked, with the processes they have used ticked', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, ani, citra } = await workshopWithWelders();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await koor.get(`/continuity/workshops/${shop.id}`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Konfirmasi enam bulanan: CV. Logam Jaya').and.include('Ani').and.include('Citra').and.include(`${idDate('2026-01-10')} · akan gugur`);
    expect(text).not.to.include('Dian Bubut');
    expect(res.text).to.match(new RegExp(`name="workers" value="${ani.id}" checked`));
    expect(res.text).to.match(new RegExp(`name="process_${ani.id}" value="SMAW" checked`));
    expect(res.text).to.match(new RegExp(`name="process_${ani.id}" value="GTAW">`));
    expect(res.text).to.match(new RegExp(`name="process_${citra.id}" value="SMAW">`));
    expect(text).to.include('Bengkel ini belum pernah dikonfirmasi.');
  });

  it('confirms the ticked welders in one step, and a second submit of the same form changes nothing', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, ani, budi, citra } = await workshopWithWelders();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const page = await koor.get(`/continuity/workshops/${shop.id}`).expect(200);
    const fields = {
      _csrf: csrfFrom(page.text), submission: submissionOf(page.text), date: '2026-06-30', evidence: 'Rekap job Jan–Jun 2026', supervisor: 'Pak Harto',
      process: '', workers: [ani.id, budi.id], [`process_${ani.id}`]: ['SMAW', 'GMAW'], [`process_${budi.id}`]: 'SMAW', [`process_${citra.id}`]: 'GTAW',
    };
    const step = await koor.post(`/continuity/workshops/${shop.id}/confirm`).type('form').send(formBody(fields));
    expect(step.status, mainText(step.text).slice(0, 600)).to.equal(200);
    const confirmed = confirmFormFields(step.text);
    const res = await koor.post(`/continuity/workshops/${shop.id}/confirm`).type('form').send(formBody(confirmed));
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/continuity/workshops/${shop.id}`);
    expect(await ContinuityConfirmation.countDocuments()).to.equal(1);
    const entries = await ContinuityEntry.find({ confirmation: trusted({ $exists: true }) }).lean();
    expect(entries.map((e) => `${e.worker}:${e.process}`).sort()).to.deep.equal([`${ani.id}:GMAW`, `${ani.id}:SMAW`, `${budi.id}:SMAW`].sort());
    expect(await AuditEntry.countDocuments({ action: 'continuity.confirm' })).to.equal(1);
    expect(await AuditEntry.countDocuments({ action: 'continuity.log' })).to.equal(3);
    const after = mainText((await koor.get(res.headers.location!).expect(200)).text);
    expect(after).to.include('Kontinuitas dikonfirmasi: 3 catatan dibuat.').and.include('Rekap job Jan–Jun 2026').and.include('berlaku sampai 30 Des 2026');

    const again = await koor.post(`/continuity/workshops/${shop.id}/confirm`).type('form').send(formBody(confirmed));
    expect(again.status).to.equal(303);
    expect(mainText((await koor.get(again.headers.location!).expect(200)).text)).to.include('sudah dikirim');
    expect(await ContinuityConfirmation.countDocuments()).to.equal(1);
    expect(await ContinuityEntry.countDocuments()).to.equal(3 + 3);
  });

  it('applies one process to every ticked welder when chosen for all', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, ani, citra } = await workshopWithWelders();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const { done: res } = await throughConfirm(koor, `/continuity/workshops/${shop.id}`, `/continuity/workshops/${shop.id}/confirm`, {
      submission: 'a'.repeat(32), date: '2026-06-30', evidence: 'Rekap', process: 'FCAW', workers: [ani.id, citra.id], [`process_${ani.id}`]: 'SMAW',
    });
    expect(res.status).to.equal(303);
    const entries = await ContinuityEntry.find({ confirmation: trusted({ $exists: true }) }).lean();
    expect(entries.map((e) => `${e.worker}:${e.process}`).sort()).to.deep.equal([`${ani.id}:FCAW`, `${citra.id}:FCAW`].sort());
  });

  it('refuses bad input with 422, keeps the ticks, and writes nothing', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, ani, citra } = await workshopWithWelders();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const action = `/continuity/workshops/${shop.id}/confirm`;
    const page = `/continuity/workshops/${shop.id}`;
    const none = await submitForm(koor, page, action, { submission: 'b'.repeat(32), date: '2026-06-30', evidence: 'Rekap' });
    expect(none.status).to.equal(422);
    expect(mainText(none.text)).to.include('Centang minimal satu juru las.');
    const missing = await submitForm(koor, page, action, {
      submission: 'b'.repeat(32), date: '2026-06-30', evidence: 'Rekap', workers: [ani.id, citra.id], [`process_${ani.id}`]: 'SMAW',
    });
    expect(missing.status).to.equal(422);
    expect(mainText(missing.text)).to.include('Pilih minimal satu proses untuk setiap juru las yang dicentang');
    expect(missing.text).to.match(new RegExp(`name="workers" value="${citra.id}" checked`));
    expect(missing.text).to.match(new RegExp(`name="process_${ani.id}" value="SMAW" checked`));
    expect(missing.text).to.include(`value="${'b'.repeat(32)}"`);
    const future = await submitForm(koor, page, action, {
      submission: 'b'.repeat(32), date: '2026-07-02', evidence: '', workers: ani.id, [`process_${ani.id}`]: 'SMAW',
    });
    expect(future.status).to.equal(422);
    expect(mainText(future.text)).to.include('Wajib diisi.');
    expect(await ContinuityConfirmation.countDocuments()).to.equal(0);
    expect(await ContinuityEntry.countDocuments({ confirmation: trusted({ $exists: true }) })).to.equal(0);
    expect(await AuditEntry.countDocuments()).to.equal(0);
  });

  it('keeps a manager to their own workshop', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, other, ani } = await workshopWithWelders();
    const theirs = await createWorker(other._id, { name: 'Eko' });
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    await manager.get(`/continuity/workshops/${shop.id}`).expect(404);
    const refused = await submitForm(manager, `/continuity/workshops/${other.id}`, `/continuity/workshops/${shop.id}/confirm`, {
      submission: 'c'.repeat(32), date: '2026-06-30', evidence: 'Rekap', workers: ani.id, [`process_${ani.id}`]: 'SMAW',
    });
    expect(refused.status).to.equal(404);
    expect(await ContinuityConfirmation.countDocuments()).to.equal(0);
    const { done: own } = await throughConfirm(manager, `/continuity/workshops/${other.id}`, `/continuity/workshops/${other.id}/confirm`, {
      submission: 'd'.repeat(32), date: '2026-06-30', evidence: 'Rekap', workers: theirs.id, [`process_${theirs.id}`]: 'GMAW',
    });
    expect(own.status).to.equal(303);
    expect(await ContinuityEntry.countDocuments({ worker: theirs._id, process: 'GMAW' })).to.equal(1);
  });
});
