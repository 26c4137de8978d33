import { expect } from 'chai';
import { Types } from 'mongoose';
import { Assessment } from '../../src/modules/assessments';
import { wibParts } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';
import { createInstructor, createSessionWith, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';
import { commandsDuring, scans } from '../support/db-commands';

const DAY = 24 * 3600 * 1000;

async function setup() {
  const ctx = buildApp();
  const now = ctx.clock.now();
  const las = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
  const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Prinsip K3', en: 'Safety principles' }, trade: 'safety' });
  const budi = await createWorker({ name: 'Budi Santoso' });
  const siti = await createWorker({ name: 'Siti Rahayu' });
  const { instructor, user: instructorUser } = await createInstructor({ login: true, email: 'ins@asm.test' });
  const s = await createSessionWith({ units: [{ unit: las._id, level: 2 }, { unit: k3._id, level: 3 }], workers: [budi, siti], instructors: [instructor._id], now });
  await createUser({ email: 'koor@asm.test', roles: ['coordinator'], name: 'Joko Susilo' });
  const [eBudi, eSiti] = s.enrollments as [(typeof s.enrollments)[number], (typeof s.enrollments)[number]];
  const path = `/sessions/${s.session.id}/assessments`;
  const field = (kind: 'pre' | 'post' | 'note', e: { id: string }, u: { id: string }) => `${kind}_${e.id}_${u.id}`;
  const dates = { pre: wibParts(s.session.firstStart!).date, post: wibParts(s.session.lastEnd!).date };
  return { ...ctx, now, las, k3, budi, siti, instructorUser, s, eBudi, eSiti, path, field, dates };
}

describe('assessments: the pre/post sheet of a session', () => {
  it('shows enrolled workers × targeted units and saves levels, dates, method and notes with the assessor', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const page = mainText((await agent.get(t.path).expect(200)).text);
    expect(page).to.include('Budi Santoso').and.include('Siti Rahayu').and.include('C.24LAS01.029.1').and.include('target level 2');
    const res = await submitForm(agent, t.path, t.path, {
      pre_date: t.dates.pre, pre_method: 'interview', post_date: t.dates.post, post_method: 'observation',
      [t.field('pre', t.eBudi, t.las)]: '1', [t.field('post', t.eBudi, t.las)]: '3', [t.field('note', t.eBudi, t.las)]: 'Rapi dan konsisten',
      [t.field('pre', t.eBudi, t.k3)]: '2', [t.field('post', t.eBudi, t.k3)]: '',
      [t.field('pre', t.eSiti, t.las)]: '', [t.field('post', t.eSiti, t.las)]: '',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(t.path);
    const saved = await Assessment.find({}).sort({ kind: 1, level: 1 }).lean();
    expect(saved.map((a) => [a.kind, a.level, String(a.unit), String(a.worker)])).to.have.deep.members([
      ['pre', 1, t.las.id, t.budi.id], ['post', 3, t.las.id, t.budi.id], ['pre', 2, t.k3.id, t.budi.id],
    ]);
    const post = saved.find((a) => a.kind === 'post')!;
    expect(post).to.deep.include({ method: 'observation', notes: 'Rapi dan konsisten', assessorName: 'Joko Susilo' });
    expect(String(post.course)).to.equal(String(t.s.course._id));
    expect(wibParts(post.assessedAt).date).to.equal(t.dates.post);
    expect(saved.find((a) => a.kind === 'pre' && a.level === 1)!.notes).to.equal('');
    const after = await agent.get(t.path).expect(200);
    expect(mainText(after.text)).to.include('Penilaian disimpan (3 perubahan).').and.include('▲ +2').and.include('ternormalisasi 0,67');
    expect(after.text).to.match(new RegExp(`name="${t.field('post', t.eBudi, t.las)}"[^>]*>[\\s\\S]*?<option value="3" selected`));
  });

  it('removes an assessment whose level is emptied and keeps the assessor of unchanged ones', async () => {
    const t = await setup();
    const pre = await recordAssessment({ kind: 'pre', enrollment: t.eBudi, course: t.s.course._id, unit: t.las._id, level: 1, assessedAt: new Date(`${t.dates.pre}T12:00:00+07:00`), method: 'interview' });
    await recordAssessment({ kind: 'post', enrollment: t.eBudi, course: t.s.course._id, unit: t.las._id, level: 2, assessedAt: new Date(`${t.dates.post}T12:00:00+07:00`) });
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const res = await submitForm(agent, t.path, t.path, {
      pre_date: t.dates.pre, pre_method: 'interview', post_date: t.dates.post, post_method: 'observation',
      [t.field('pre', t.eBudi, t.las)]: '1', [t.field('post', t.eBudi, t.las)]: '',
    });
    expect(res.status).to.equal(303);
    const left = await Assessment.find({}).lean();
    expect(left).to.have.length(1);
    expect(left[0]).to.deep.include({ kind: 'pre', level: 1, assessorName: 'Penilai Uji' });
    expect(String(left[0]!._id)).to.equal(pre.id);
  });

  it('refuses a level outside 0–4, a post-assessment before the pre, and a future date with 422, writing nothing', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const bad = await submitForm(agent, t.path, t.path, {
      pre_date: t.dates.post, pre_method: 'observation', post_date: t.dates.pre, post_method: 'observation',
      [t.field('pre', t.eBudi, t.las)]: '1', [t.field('post', t.eBudi, t.las)]: '7', [t.field('pre', t.eSiti, t.las)]: '2',
    });
    expect(bad.status).to.equal(422);
    const text = mainText(bad.text);
    expect(text).to.include('Pilih level 0 sampai 4.').and.include('Penilaian akhir tidak boleh sebelum penilaian awal.');
    expect(bad.text).to.match(new RegExp(`name="${t.field('pre', t.eSiti, t.las)}"[^>]*>[\\s\\S]*?<option value="2" selected`));
    const future = wibParts(new Date(t.now.getTime() + 3 * DAY)).date;
    const later = await submitForm(agent, t.path, t.path, {
      pre_date: t.dates.pre, pre_method: 'observation', post_date: future, post_method: 'observation',
      [t.field('pre', t.eBudi, t.las)]: '1', [t.field('post', t.eBudi, t.las)]: '2',
    });
    expect(later.status).to.equal(422);
    expect(mainText(later.text)).to.include('Tanggal penilaian tidak boleh di masa depan.');
    const noDate = await submitForm(agent, t.path, t.path, { pre_date: '', pre_method: 'observation', post_date: '', post_method: 'observation', [t.field('pre', t.eBudi, t.las)]: '1' });
    expect(noDate.status).to.equal(422);
    expect(mainText(noDate.text)).to.include('Isi tanggal penilaian.');
    expect(await Assessment.countDocuments()).to.equal(0);
  });

  it('refuses rows the sheet never offered (another session\'s enrolment, an unknown unit) with 422, writing nothing', async () => {
    const t = await setup();
    const other = await createSessionWith({ units: [{ unit: t.las._id, level: 2 }], workers: [await createWorker()], now: t.now });
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const base = { pre_date: t.dates.pre, pre_method: 'observation', post_date: t.dates.post, post_method: 'observation', [t.field('pre', t.eBudi, t.las)]: '2' };
    const foreign = await submitForm(agent, t.path, t.path, { ...base, [t.field('pre', other.enrollments[0]!, t.las)]: '1' });
    expect(foreign.status).to.equal(422);
    expect(mainText(foreign.text)).to.include('bukan bagian kelas ini');
    const unknownUnit = await submitForm(agent, t.path, t.path, { ...base, [t.field('pre', t.eBudi, { id: String(new Types.ObjectId()) })]: '1' });
    expect(unknownUnit.status).to.equal(422);
    expect(await Assessment.countDocuments()).to.equal(0);
  });

  it('lets the session\'s own instructor record; an instructor of another session and workers get 403', async () => {
    const t = await setup();
    const own = await signIn(t.app, 'ins@asm.test', PASSWORD);
    const ok = await submitForm(own, t.path, t.path, { pre_date: t.dates.pre, pre_method: 'observation', post_date: t.dates.post, post_method: 'observation', [t.field('pre', t.eSiti, t.k3)]: '0' });
    expect(ok.status).to.equal(303);
    expect(await Assessment.countDocuments()).to.equal(1);

    await createInstructor({ login: true, email: 'lain@asm.test' });
    const stranger = await signIn(t.app, 'lain@asm.test', PASSWORD);
    await stranger.get(t.path).expect(403);
    const token = await formToken(stranger, '/account/password');
    await stranger.post(t.path).type('form').send(formBody({ _csrf: token, pre_date: t.dates.pre, pre_method: 'observation', [t.field('pre', t.eBudi, t.las)]: '4' })).expect(403);

    await createWorker({ email: 'pekerja@asm.test', workshop: t.budi.workshop });
    const worker = await signIn(t.app, 'pekerja@asm.test', PASSWORD);
    await worker.get(t.path).expect(403);
    const wtoken = await formToken(worker, '/account/password');
    await worker.post(t.path).type('form').send(formBody({ _csrf: wtoken, pre_date: t.dates.pre, pre_method: 'observation', [t.field('pre', t.eBudi, t.las)]: '4' })).expect(403);
    expect(await Assessment.countDocuments()).to.equal(1);
  });

  it('shows an unknown session as 404 and a cancelled one without a form', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    await agent.get(`/sessions/${new Types.ObjectId()}/assessments`).expect(404);
    const cancelled = await createSessionWith({ units: [{ unit: t.las._id, level: 2 }], workers: [t.budi], state: 'cancelled', now: t.now });
    const page = await agent.get(`/sessions/${cancelled.session.id}/assessments`).expect(200);
    expect(mainText(page.text)).to.include('Kelas ini dibatalkan');
    expect(page.text).not.to.include('Simpan penilaian');
  });

  it('goes unit by unit when the sheet would exceed the form field limit, and saves the unit shown', async () => {
    const t = await setup();
    const gbr = await createUnit({ code: 'C.28LOG09.002.2', trade: 'machining' });
    const workers = [];
    for (let i = 0; i < 23; i++) workers.push(await createWorker({ name: `Peserta ${String(i).padStart(2, '0')}` }));
    const big = await createSessionWith({ units: [{ unit: t.las._id, level: 2 }, { unit: t.k3._id, level: 3 }, { unit: gbr._id, level: 2 }], workers, now: t.now });
    const path = `/sessions/${big.session.id}/assessments`;
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const first = (await agent.get(path).expect(200)).text;
    expect(first).to.include(`href="${path}?unit=${gbr.id}"`).and.include(`name="${t.field('pre', big.enrollments[0]!, t.las)}"`);
    expect(first).not.to.include(`name="${t.field('pre', big.enrollments[0]!, gbr)}"`);
    const page = `${path}?unit=${gbr.id}`;
    const dates = { pre_date: wibParts(big.session.firstStart!).date, pre_method: 'observation', post_date: wibParts(big.session.lastEnd!).date, post_method: 'observation' };
    const res = await submitForm(agent, page, page, { ...dates, [t.field('pre', big.enrollments[3]!, gbr)]: '1', [t.field('post', big.enrollments[3]!, gbr)]: '2' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(page);
    expect(await Assessment.countDocuments({ unit: gbr._id, session: big.session._id })).to.equal(2);
  });

  it('reads what was recorded from one document: as many commands with 8 assessments as with none, no read of assessments', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@asm.test', PASSWORD);
    const view = async () => {
      await agent.get(t.path).expect(200); // a warm process, as for a signed-in user
      return commandsDuring(() => agent.get(t.path).expect(200));
    };
    const before = await view();
    for (const e of [t.eBudi, t.eSiti]) {
      for (const u of [t.las, t.k3]) {
        await recordAssessment({ kind: 'pre', enrollment: e, course: t.s.course._id, unit: u._id, level: 1, assessedAt: new Date(`${t.dates.pre}T12:00:00+07:00`) });
        await recordAssessment({ kind: 'post', enrollment: e, course: t.s.course._id, unit: u._id, level: 3, assessedAt: new Date(`${t.dates.post}T12:00:00+07:00`) });
      }
    }
    const after = await view();
    expect(mainText((await agent.get(t.path).expect(200)).text)).to.include('▲ +2');
    expect(after.filter((c) => c.collection === 'assessments'), 'reads of assessments').to.deep.equal([]);
    expect(after.filter((c) => String((c.filter as { _id?: unknown } | undefined)?._id ?? '').startsWith('worker-levels:')), 'whole histories read').to.deep.equal([]);
    expect(after.length, 'commands with 8 assessments recorded').to.equal(before.length);
    // The workers, workshops, courses and sessions held in memory: one reading of their stamps for the request.
    expect(after.filter((c) => c.collection === 'cachestamps').length, 'stamp reads').to.equal(1);
    expect(scans(after).filter((c) => c !== 'cachestamps'), 'scans').to.deep.equal([]);
  });
});
