import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Types } from 'mongoose';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { at, createProfile, createSessionWith, createUnit, recordAssessment } from '../support/competencies-factories';
import { commandsDuring } from '../support/db-commands';

const POSITION = 'Juru las SMAW 3G';

/** `n` active welders of `workshop` named "<prefix> 0001"…, written in one go (as an import would). */
async function manyWorkers(n: number, workshop: Types.ObjectId, prefix: string) {
  const docs = Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${String(i + 1).padStart(4, '0')}`, workshop, trades: ['welding'], position: POSITION, active: true }));
  for (let i = 0; i < docs.length; i += 1000) await Worker.insertMany(docs.slice(i, i + 1000));
  return Worker.find({ workshop }, { name: 1 }).sort({ name: 1 }).lean();
}

const rowNames = (html: string) => [...html.matchAll(/<span class="mx-name">([\s\S]*?)<\/span>/g)].map((m) => m[1]!);
const pagerLinks = (html: string) => [...html.matchAll(/<a href="([^"]+)" rel="(?:prev|next)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('competencies: the skills matrix is paged and filtered', () => {
  async function setup(unitCount = 8) {
    const ctx = buildApp();
    // A profile of several units: wide rows, as a real welder's profile is.
    const units = [];
    for (let i = 0; i < unitCount; i++) units.push(await createUnit({ code: `C.24LAS01.${String(100 + i)}.1`, title: { id: `Unit Las ${i}`, en: `Welding unit ${i}` } }));
    await createProfile({ position: POSITION, requirements: units.map((u) => ({ unit: u._id, level: 1 })) });
    const shop = await createWorkshop({ name: 'Logam Jaya' });
    const other = await createWorkshop({ name: 'Sinar Baja' });
    const workers = await manyWorkers(120, shop._id, 'Pekerja');
    // Three workers meet every requirement: "gaps only" leaves them out.
    const s = await createSessionWith({ units: units.map((u) => ({ unit: u._id, level: 1 })), workers: workers.slice(0, 3) });
    for (const e of s.enrollments) for (const u of units) await recordAssessment({ kind: 'post', enrollment: e, course: s.course._id, unit: u._id, level: 2, assessedAt: at('2026-03-06') });
    await createUser({ email: 'koor@mxp.test', roles: ['coordinator'] });
    const agent = await signIn(ctx.app, 'koor@mxp.test', PASSWORD);
    return { ...ctx, units, shop, other, workers, agent };
  }

  it('shows 50 workers a page with page links that keep the filters, and exports the whole filtered set', async function () {
    this.timeout(120_000);
    const t = await setup();
    const base = `/competencies/matrix?workshop=${t.shop.id}`;
    const first = (await t.agent.get(base).expect(200)).text;
    expect(rowNames(first)).to.deep.equal(t.workers.slice(0, 50).map((w) => w.name));
    expect(mainText(first)).to.include('120 pekerja').and.include('Halaman 1 dari 3');
    expect(pagerLinks(first)).to.deep.equal([`/competencies/matrix?workshop=${t.shop.id}&page=2`]);

    // Page 2 reads the levels of its own 50 workers only: 50 point reads of the read model.
    await t.agent.get(`${base}&page=2`).expect(200); // first view builds the page's documents
    let second = '';
    const reads = (
      await commandsDuring(async () => {
        second = (await t.agent.get(`${base}&page=2`).expect(200)).text;
      })
    )
      .filter((c) => c.name === 'find' && c.collection === 'readmodels')
      .map((c) => String((c.filter as { _id?: unknown })._id));
    expect(rowNames(second)).to.deep.equal(t.workers.slice(50, 100).map((w) => w.name));
    expect(reads.filter((r) => r.startsWith('worker-levels:'))).to.have.length(50);
    expect(pagerLinks(second)).to.deep.equal([`${base}&page=1`, `${base}&page=3`]);
    const last = (await t.agent.get(`${base}&page=3`).expect(200)).text;
    expect(rowNames(last)).to.deep.equal(t.workers.slice(100).map((w) => w.name));
    // A page past the last shows the last.
    expect(rowNames((await t.agent.get(`${base}&page=9`).expect(200)).text)).to.deep.equal(rowNames(last));

    const csv = parse((await t.agent.get(`/competencies/matrix.csv?workshop=${t.shop.id}`).expect(200)).text, { bom: true }) as string[][];
    expect(csv.slice(1).map((r) => r[0])).to.deep.equal(t.workers.map((w) => w.name));
  });

  it('"gaps only" leaves out workers who meet their profile, with sort and filters kept across pages', async function () {
    this.timeout(120_000);
    const t = await setup();
    const q = `workshop=${t.shop.id}&trade=welding&gaps=1&sort=gap`;
    const first = (await t.agent.get(`/competencies/matrix?${q}`).expect(200)).text;
    expect(mainText(first)).to.include('117 pekerja').and.include('Halaman 1 dari 3');
    expect(first).to.match(/<input type="checkbox" name="gaps" value="1" checked>/);
    const [next] = pagerLinks(first);
    expect(new URLSearchParams(next!.split('?')[1])).to.deep.equal(new URLSearchParams(`${q}&page=2`));
    const shown = [first, (await t.agent.get(next!).expect(200)).text, (await t.agent.get(`/competencies/matrix?${q}&page=3`).expect(200)).text].flatMap(rowNames);
    expect(shown).to.deep.equal(t.workers.slice(3).map((w) => w.name));
    const csv = parse((await t.agent.get(`/competencies/matrix.csv?${q}`).expect(200)).text, { bom: true }) as string[][];
    expect(csv.slice(1).map((r) => r[0])).to.deep.equal(t.workers.slice(3).map((w) => w.name));
    const met = rowNames((await t.agent.get(`/competencies/matrix?workshop=${t.shop.id}&sort=gap&page=3`).expect(200)).text);
    expect(met.slice(-3)).to.deep.equal(t.workers.slice(0, 3).map((w) => w.name));
  });

  it('keeps one page under 150 KB of HTML with 5,000 workers, also with a wide profile (fewer rows a page)', async function () {
    this.timeout(240_000);
    const t = await setup(30);
    await manyWorkers(4880, t.other._id, 'Karyawan');
    const res = await t.agent.get('/competencies/matrix').expect(200);
    // 30 columns: 500 cells a page at most, so 16 workers.
    expect(rowNames(res.text)).to.have.length(16);
    expect(mainText(res.text)).to.match(/5\.?000 pekerja/).and.include('Halaman 1 dari 313');
    expect(Buffer.byteLength(res.text)).to.be.below(150_000);
  });

  it('refuses a malformed query with the translated 400 page', async function () {
    this.timeout(60_000);
    const t = await setup();
    for (const q of ['page=0', 'page=abc', 'page=1.5', 'sort=salary', 'gaps=yes', 'workshop=xyz', 'trade=baking', `position=${'x'.repeat(200)}`]) {
      const res = await t.agent.get(`/competencies/matrix?${q}`);
      expect(res.status, q).to.equal(400);
      expect(mainText(res.text), q).to.include('Permintaan tidak dapat dibaca.');
      expect((await t.agent.get(`/competencies/matrix.csv?${q}`)).status, `csv ${q}`).to.equal(400);
    }
    const en = await t.agent.get('/competencies/matrix?page=0&lng=en');
    expect(en.status).to.equal(400);
  });
});
