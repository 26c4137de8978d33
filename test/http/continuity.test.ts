import { expect } from 'chai';
import { AuditEntry } from '../../src/modules/audit';
import { ContinuityEntry } from '../../src/modules/continuity';
import { ManualClock } from '../../src/platform/clock';
import { formatters } from '../../src/platform/i18n';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { logUse, wibDay } from '../support/continuity-factories';
import { mainText, signIn, submitForm, type Agent } from '../support/http';

const NOW = '2026-07-01T10:00:00+07:00';
const idDate = (d: string) => formatters('id').date(wibDay(d));

/** The overview's table rows as [status class, visible text], in page order. */
function rowsOf(html: string): Array<[string, string]> {
  return [...html.matchAll(/<tr class="continuity-row-(\w+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, mainText(m[2]!)]);
}

async function people() {
  const shop = await createWorkshop({ name: 'Logam Jaya' });
  const other = await createWorkshop({ name: 'Sinar Las' });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  await createUser({ email: 'manajer@t.test', roles: ['manager'], workshop: shop._id });
  await createUser({ email: 'pekerja@t.test', roles: ['worker'], workshop: shop._id });
  await createUser({ email: 'instruktur@t.test', roles: ['instructor'] });
  return { shop, other };
}

describe('continuity: logging a welder\'s process use', () => {
  it('lets a coordinator log a use with evidence and supervisor, shown in the welder\'s log with its lapse date', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop } = await people();
    const ani = await createWorker(shop._id, { name: 'Ani Rahayu' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const page = `/continuity/workers/${ani.id}`;
    expect((await koor.get(page).expect(200)).text).to.include('value="2026-07-01"'); // today as the default date
    const res = await submitForm(koor, page, `${page}/entries`, {
      process: 'SMAW', date: '15/01/2026', kind: 'use', evidence: 'JO-2026-0412, WPS-LJT-SMAW-01', supervisor: 'Pak Harto',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(page);
    const saved = await ContinuityEntry.findOne().lean();
    expect(saved).to.include({ process: 'SMAW', kind: 'use', evidence: 'JO-2026-0412, WPS-LJT-SMAW-01', supervisor: 'Pak Harto' });
    expect(saved!.date.toISOString()).to.equal(wibDay('2026-01-15').toISOString());
    expect(await AuditEntry.countDocuments({ action: 'continuity.log', subject: saved!._id })).to.equal(1);
    const text = mainText((await koor.get(page).expect(200)).text);
    expect(text).to.include('Catatan kontinuitas disimpan.').and.include('JO-2026-0412').and.include('Pak Harto');
    expect(text).to.include(idDate('2026-01-15')).and.include(idDate('2026-07-16')).and.include('akan gugur').and.include('15 hari lagi');
  });

  it('refuses bad input with 422 and a message per field, writing nothing', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop } = await people();
    const ani = await createWorker(shop._id);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const page = `/continuity/workers/${ani.id}`;
    const bad = await submitForm(koor, page, `${page}/entries`, { process: 'LAS', date: '31/02/2026', evidence: '', supervisor: '' });
    expect(bad.status).to.equal(422);
    const text = mainText(bad.text);
    for (const message of ['Pilih proses las: SMAW, GMAW, GTAW atau FCAW.', 'Tanggal tidak valid.', 'Wajib diisi.']) expect(text).to.include(message);
    expect(bad.text).to.include('value="31/02/2026"');
    const future = await submitForm(koor, page, `${page}/entries`, { process: 'GMAW', date: '2026-07-02', evidence: 'JO-1', supervisor: 'Pak Harto' });
    expect(future.status).to.equal(422);
    expect(mainText(future.text)).to.include('Tanggal tidak boleh setelah hari ini.');
    expect(await ContinuityEntry.countDocuments()).to.equal(0);
    expect(await AuditEntry.countDocuments()).to.equal(0);
  });

  it('refuses workers and instructors (403); managers only reach their own workshop\'s welders', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { shop, other } = await people();
    const mine = await createWorker(shop._id, { name: 'Welder Sendiri' });
    const theirs = await createWorker(other._id, { name: 'Welder Lain' });
    const entry = { process: 'SMAW', date: '2026-06-01', evidence: 'JO-9', supervisor: 'Pak Harto' };
    for (const email of ['pekerja@t.test', 'instruktur@t.test']) {
      const agent = await signIn(app, email, PASSWORD);
      await agent.get('/continuity').expect(403);
      await agent.get(`/continuity/workers/${mine.id}`).expect(403);
      await agent.get(`/continuity/workshops/${shop.id}`).expect(403);
      expect((await submitForm(agent, '/account/password', `/continuity/workers/${mine.id}/entries`, entry)).status).to.equal(403);
    }
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    await manager.get(`/continuity/workers/${theirs.id}`).expect(404);
    await manager.get(`/continuity/workshops/${other.id}`).expect(404);
    expect((await submitForm(manager, '/account/password', `/continuity/workers/${theirs.id}/entries`, entry)).status).to.equal(404);
    expect(await ContinuityEntry.countDocuments()).to.equal(0);
    const ok = await submitForm(manager, `/continuity/workers/${mine.id}`, `/continuity/workers/${mine.id}/entries`, entry);
    expect(ok.status).to.equal(303);
    expect(await ContinuityEntry.countDocuments({ worker: mine._id })).to.equal(1);
  });
});

describe('continuity: who is about to lapse', () => {
  async function welders() {
    const { shop, other } = await people();
    const log = async (name: string, workshop: typeof shop, process: 'SMAW' | 'GMAW' | 'GTAW' | 'FCAW', date: string, extra: { active?: boolean; trades?: string[] } = {}) => {
      const w = await createWorker(workshop._id, { name, ...extra });
      await logUse(w._id, process, date);
      return w;
    };
    const ani = await log('Ani', shop, 'SMAW', '2026-01-20'); // lapses 21 Jul: 20 days
    await logUse(ani._id, 'GMAW', '2026-06-01'); // fine
    await log('Budi', shop, 'SMAW', '2025-12-31'); // covered until 30 Jun: lapsed since today
    await log('Eko', shop, 'GTAW', '2026-01-01'); // covered until today: lapses tomorrow
    await log('Fajar', shop, 'SMAW', '2026-01-31'); // lapses 1 Aug: 31 days, not yet a warning
    await log('Gita', shop, 'SMAW', '2026-01-30'); // lapses 31 Jul: exactly 30 days
    await log('Hadi', shop, 'SMAW', '2025-01-01', { active: false }); // inactive: not listed
    await log('Indra', shop, 'SMAW', '2025-01-01', { trades: ['machining'] }); // no longer a welder
    await log('Dedi', other, 'FCAW', '2025-10-01'); // lapsed since 2 Apr
    await createWorker(shop._id, { name: 'Joko' }); // a welder with nothing logged
    return { shop, other };
  }

  it('lists welders about to lapse or lapsed, by lapse date, with last use and the status in words', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    const { other } = await welders();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await koor.get('/continuity').expect(200);
    const rows = rowsOf(res.text);
    expect(rows.map(([, text]) => text.split(' ')[0])).to.deep.equal(['Dedi', 'Budi', 'Eko', 'Ani', 'Gita']);
    expect(rows.map(([status]) => status)).to.deep.equal(['lapsed', 'lapsed', 'warn', 'warn', 'warn']);
    const [dedi, budi, eko, ani] = rows.map(([, text]) => text);
    expect(dedi).to.include('Sinar Las').and.include('FCAW').and.include(idDate('2025-10-01')).and.include(`gugur sejak ${idDate('2026-04-02')}`);
    expect(budi).to.include(idDate('2025-12-31')).and.include(`gugur sejak ${idDate('2026-07-01')}`).and.not.include('akan gugur');
    expect(eko).to.include('GTAW').and.include('akan gugur').and.include('1 hari lagi');
    expect(ani).to.include('SMAW').and.include(idDate('2026-01-20')).and.include('akan gugur').and.include('20 hari lagi');
    const text = mainText(res.text);
    expect(text).to.include('Joko').and.include('Belum ada catatan: 1 juru las');
    expect(text).not.to.include('Fajar').and.not.include('Hadi').and.not.include('Indra');

    const onlyOther = rowsOf((await koor.get(`/continuity?workshop=${other.id}`).expect(200)).text);
    expect(onlyOther.map(([, t]) => t.split(' ')[0])).to.deep.equal(['Dedi']);
    const english = mainText((await koor.get('/continuity?lng=en').expect(200)).text);
    expect(english).to.include('about to lapse').and.include('lapsed since');

    clock.set('2026-07-02T00:00:00+07:00');
    const tomorrow = rowsOf((await koor.get('/continuity?lng=id&status=lapsed').expect(200)).text);
    expect(tomorrow.map(([, t]) => t.split(' ')[0])).to.deep.equal(['Dedi', 'Budi', 'Eko']);
  });

  it('shows a manager their own workshop only, whatever the filter says', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { other } = await welders();
    const manager: Agent = await signIn(app, 'manajer@t.test', PASSWORD);
    const res = await manager.get(`/continuity?workshop=${other.id}&status=all`).expect(200);
    const names = rowsOf(res.text).map(([, t]) => t.split(' ')[0]);
    expect(names).to.include.members(['Budi', 'Eko', 'Ani', 'Gita', 'Fajar']);
    expect(names).not.to.include('Dedi');
    expect(res.text).not.to.include('id="f-workshop"');
  });
});
