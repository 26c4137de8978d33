import { expect } from 'chai';
import mongoose from 'mongoose';
import { ContinuityEntry, continuityChanged } from '../../src/modules/continuity';
import { Worker } from '../../src/modules/workers';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm, type Agent } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { commandsDuring, documentsRead, idOnly } from '../support/db-commands';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const DAY = 86_400_000;

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@list.test', roles: ['coordinator'], name: 'Joko Susilo' });
  const shopA = await createWorkshop({ name: 'Bengkel Satu' });
  const shopB = await createWorkshop({ name: 'Bengkel Dua' });
  const slamet = await createWorker(shopA._id, { name: 'Slamet Riyadi' });
  const budi = await createWorker(shopB._id, { name: 'Budi Santoso' });
  await createUser({ email: 'manajer@list.test', roles: ['manager'], workshop: shopA._id });
  // One scheme for every certificate: the schemes filter reads all schemes, a number that must not change here.
  const scheme = await createScheme({ name: 'Juru Las SMAW' });
  const agent = await signIn(ctx.app, 'koor@list.test', PASSWORD);
  return { ...ctx, clock, shopA, shopB, slamet, budi, scheme, agent };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** `n` certificates for `worker`, issued on consecutive days from `first` (a WIB date), fixed term of 3 years. */
async function issueMany(t: Setup, worker: { _id: mongoose.Types.ObjectId; name: string }, n: number, first: string) {
  const out: { id: string; number: string; issueDate: string }[] = [];
  for (let i = 0; i < n; i++) {
    const issueDate = new Date(wibToUtc(first, '00:00')!.getTime() + i * DAY + 7 * 3600_000).toISOString().slice(0, 10);
    out.push({ ...(await createCertificate(t.clock, { worker, scheme: t.scheme, issueDate })), issueDate });
  }
  return out;
}

/** The list's rows as shown: number and the status word's class. */
function rows(html: string): { number: string; status: string }[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, tr]) => ({
    number: /<a href="\/certificates\/[a-f0-9]{24}">([^<]+)<\/a>/.exec(tr!)?.[1] ?? '',
    status: /cert-status cert-(\w+)/.exec(tr!)?.[1] ?? '',
  }));
}
const statusOf = (html: string, number: string) => rows(html).find((r) => r.number === number)?.status;
const unescape = (s: string) => s.replace(/&amp;/g, '&');
const link = (html: string, rel: 'prev' | 'next') => {
  const m = new RegExp(`<a [^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(html);
  return m ? unescape(m[1]!) : null;
};

/**
 * Documents the database reads for one request, counted as the load benchmark's probe does on
 * FerretDB: a read by exactly `{_id: value}` (find, count, distinct or a first `$match`) reads one
 * document, any other filter the whole collection. The page is requested once before, as a warm
 * process serves it.
 */
async function pageReads(agent: Agent, url: string, status = 200): Promise<{ docs: number; scanned: string[] }> {
  await agent.get(url).expect(status);
  const { docs, scanned } = await documentsRead(await commandsDuring(() => agent.get(url).expect(status)), (c) => idOnly(c.filter));
  return { docs, scanned: [...new Set(scanned)].sort() };
}

describe('certificates: the list at scale (HTTP)', () => {
  it('reads as many documents per request with 60 certificates as with 10, for coordinators, managers and verification', async function () {
    this.timeout(120_000);
    const t = await setup();
    const manager = await signIn(t.app, 'manajer@list.test', PASSWORD);
    await issueMany(t, t.slamet, 6, '2025-01-10');
    await issueMany(t, t.budi, 4, '2025-03-10');
    await createCertificate(t.clock, { worker: t.budi, scheme: t.scheme, issueDate: '2025-12-10', validity: { kind: 'continuity', process: 'SMAW' } });
    await ContinuityEntry.create({ worker: t.budi._id, process: 'SMAW', date: wibToUtc('2026-01-05', '09:00')!, evidence: 'WPS-01' });
    await continuityChanged({ workers: [t.budi._id] });
    const pages = () => [
      '/certificates', '/certificates?status=valid&q=tkr', `/certificates?workshop=${t.shopA.id}`, '/certificates?page=2',
    ];
    const measure = async () => {
      const out: Record<string, { docs: number; scanned: string[] }> = {};
      for (const url of pages()) out[`coordinator ${url}`] = await pageReads(t.agent, url);
      out['manager /certificates'] = await pageReads(manager, '/certificates');
      return out;
    };
    const some = await measure();
    // History that only grows: more certificates (a continuity rule among them) and logged uses.
    await issueMany(t, t.slamet, 30, '2024-01-10');
    await issueMany(t, t.budi, 20, '2024-05-10');
    await createCertificate(t.clock, { worker: t.slamet, scheme: t.scheme, issueDate: '2026-01-10', validity: { kind: 'continuity', process: 'SMAW' } });
    for (const d of ['2026-02-01', '2026-03-01', '2026-04-01']) await ContinuityEntry.create({ worker: t.slamet._id, process: 'SMAW', date: wibToUtc(d, '09:00')!, evidence: 'WPS-01' });
    await continuityChanged({ workers: [t.slamet._id] });
    const more = await measure();
    expect(more).to.deep.equal(some);
    for (const [page, m] of Object.entries(more)) expect(m.scanned, page).to.not.include.members(['certificates']).and.not.include.members(['continuityentries']).and.not.include.members(['workers']);
  });

  it('verifies a code, answers a miss and serves the public credential without reading certificates beyond the one by `_id`', async function () {
    this.timeout(60_000);
    const t = await setup();
    await issueMany(t, t.slamet, 1, '2025-01-10');
    await issueMany(t, t.budi, 30, '2025-02-10');
    const last = await createCertificate(t.clock, { worker: t.budi, scheme: t.scheme, issueDate: '2026-06-01', verifyCode: 'LASTlastLASTlastLASTlastLASTlast' });
    expect(mainText((await t.agent.get('/verify/LASTlastLASTlastLASTlastLASTlast').expect(200)).text)).to.include(last.number);
    const codes = [['/verify/LASTlastLASTlastLASTlastLASTlast', 200], ['/verify/NONEnoneNONEnoneNONEnoneNONEnone', 404], ['/verify/LASTlastLASTlastLASTlastLASTlast/credential', 200]] as const;
    for (const [url, status] of codes) {
      expect((await pageReads(t.agent, url, status)).scanned, url).to.not.include('certificates');
    }
  });

  it('pages newest first with the filters kept, says which rows these are, and shows the last page for one past it', async function () {
    this.timeout(120_000);
    const t = await setup();
    const mine = await issueMany(t, t.slamet, 30, '2025-01-01');
    await issueMany(t, t.budi, 3, '2025-06-01');
    const newest = [...mine].reverse().map((c) => c.number);
    const base = `/certificates?workshop=${t.shopA.id}&status=valid`;
    const first = (await t.agent.get(base).expect(200)).text;
    expect(rows(first).map((r) => r.number)).to.deep.equal(newest.slice(0, 25));
    expect(mainText(first)).to.include('Menampilkan 1–25 dari 30 sertifikat').and.include('Halaman 1 dari 2');
    const next = link(first, 'next')!;
    expect(new URLSearchParams(next.split('?')[1])).to.deep.equal(new URLSearchParams(`workshop=${t.shopA.id}&status=valid&page=2`));
    expect(link(first, 'prev')).to.equal(null);
    // Each status count keeps the search and the other filters.
    expect(unescape(first)).to.include(`href="/certificates?workshop=${t.shopA.id}&status=expired"`);
    // The jump-to-page form keeps them too.
    expect(first).to.match(new RegExp(`<input type="hidden" name="workshop" value="${t.shopA.id}">`));

    const second = (await t.agent.get(next).expect(200)).text;
    expect(rows(second).map((r) => r.number)).to.deep.equal(newest.slice(25));
    expect(mainText(second)).to.include('Menampilkan 26–30 dari 30 sertifikat');
    expect(new URLSearchParams(link(second, 'prev')!.split('?')[1]).get('page')).to.equal('1');
    expect(link(second, 'next')).to.equal(null);
    expect(rows((await t.agent.get(`${base}&page=9`).expect(200)).text).map((r) => r.number)).to.deep.equal(newest.slice(25));

    const en = (await t.agent.get(`${base}&lng=en`).expect(200)).text;
    expect(mainText(en)).to.include('Showing 1–25 of 30 certificates').and.include('Page 1 of 2');
  });

  it('shows a certificate issued, renewed, revoked, moved or carried on by a logged use just before, in its state', async function () {
    this.timeout(120_000);
    const t = await setup();
    await issueMany(t, t.slamet, 3, '2025-01-10');
    const listed = async (url = '/certificates') => (await t.agent.get(url).expect(200)).text;
    await listed(); // the process copy is made

    const issued = await createCertificate(t.clock, { worker: t.slamet, scheme: t.scheme, issueDate: '2026-06-14' });
    expect(statusOf(await listed(), issued.number)).to.equal('valid');

    const renewed = await submitForm(t.agent, `/certificates/${issued.id}`, `/certificates/${issued.id}/renew`, { issueDate: '2026-06-15', assessment: '' });
    expect(renewed.status).to.equal(303);
    const afterRenewal = await listed();
    expect(rows(afterRenewal)).to.have.length(5);
    expect(afterRenewal).to.match(new RegExp(`${issued.number.replace(/\//g, '\\/')}<\\/a>[\\s\\S]*?data-renewed`));

    const revoked = await submitForm(t.agent, `/certificates/${issued.id}`, `/certificates/${issued.id}/revoke`, { category: 'error', reason: 'Salah ketik nama pemegang di sertifikat' });
    expect(revoked.status).to.equal(303);
    const revokedList = await listed('/certificates?status=revoked');
    expect(rows(revokedList).map((r) => r.number)).to.deep.equal([issued.number]);
    expect(statusOf(await listed(), issued.number)).to.equal('revoked');

    // The holder moves to another workshop: the workshop filter follows.
    expect(rows(await listed(`/certificates?workshop=${t.shopB.id}`))).to.have.length(0);
    await Worker.updateOne({ _id: t.slamet._id }, { $set: { workshop: t.shopB._id } });
    expect(rows(await listed(`/certificates?workshop=${t.shopB.id}`))).to.have.length(5);

    // A continuity certificate whose last day is near is carried on by a logged use.
    const welder = await createCertificate(t.clock, { worker: t.budi, scheme: t.scheme, issueDate: '2026-01-10', validity: { kind: 'continuity', process: 'SMAW' } });
    expect(statusOf(await listed(), welder.number)).to.equal('expiring');
    await ContinuityEntry.create({ worker: t.budi._id, process: 'SMAW', date: wibToUtc('2026-06-01', '09:00')!, evidence: 'WPS-02' });
    await continuityChanged({ workers: [t.budi._id] });
    expect(statusOf(await listed(), welder.number)).to.equal('valid');
  });

  it('moves certificates from valid to expiring to expired by the clock alone, with no write', async function () {
    this.timeout(60_000);
    const t = await setup();
    // Fixed term of 3 years: last days 16 Jun 2026 and 14 Sep 2026 (91 days after 15 Jun).
    const soon = await createCertificate(t.clock, { worker: t.slamet, scheme: t.scheme, issueDate: '2023-06-16' });
    const later = await createCertificate(t.clock, { worker: t.budi, scheme: t.scheme, issueDate: '2023-09-14' });
    const states = async () => {
      const html = (await t.agent.get('/certificates').expect(200)).text;
      return { soon: statusOf(html, soon.number), later: statusOf(html, later.number), words: mainText(html) };
    };
    let s = await states();
    expect(s).to.include({ soon: 'expiring', later: 'valid' });
    t.clock.set(wibToUtc('2026-06-16', '08:00')!);
    s = await states();
    expect(s).to.include({ soon: 'expiring', later: 'expiring' });
    expect(s.words).to.include('Hari ini hari terakhir berlaku');
    t.clock.set(wibToUtc('2026-06-17', '00:30')!);
    s = await states();
    expect(s).to.include({ soon: 'expired', later: 'expiring' });
    expect(rows((await t.agent.get('/certificates?status=expired').expect(200)).text).map((r) => r.number)).to.deep.equal([soon.number]);
  });
});
