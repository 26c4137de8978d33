import { expect } from 'chai';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { at, createProfile, createSessionWith, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';

async function setup() {
  const ctx = buildApp();
  const las = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
  const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Prinsip K3', en: 'Safety principles' }, trade: 'safety' });
  const gbr = await createUnit({ code: 'C.28LOG09.002.2', title: { id: 'Membaca Gambar Teknik', en: 'Reading drawings' }, trade: 'machining' });
  await createProfile({ position: 'Juru las SMAW 3G', title: { id: 'Juru Las SMAW Posisi 3G', en: 'SMAW welder, 3G' }, requirements: [{ unit: las._id, level: 3 }, { unit: k3._id, level: 3 }] });
  const me = await createWorker({ name: 'Ahmad Nurhadi', email: 'ahmad@my.test' });
  const other = await createWorker({ name: 'Orang Lain' });
  const first = await createSessionWith({ units: [{ unit: las._id, level: 2 }, { unit: gbr._id, level: 2 }], workers: [me, other] });
  const second = await createSessionWith({ units: [{ unit: las._id, level: 3 }], workers: [me] });
  const [e1, eOther] = first.enrollments as [(typeof first.enrollments)[number], (typeof first.enrollments)[number]];
  const e2 = second.enrollments[0]!;
  await recordAssessment({ kind: 'pre', enrollment: e1, course: first.course._id, unit: las._id, level: 1, assessedAt: at('2026-01-05') });
  await recordAssessment({ kind: 'post', enrollment: e1, course: first.course._id, unit: las._id, level: 2, assessedAt: at('2026-01-09') });
  await recordAssessment({ kind: 'pre', enrollment: e1, course: first.course._id, unit: gbr._id, level: 0, assessedAt: at('2026-01-05') });
  await recordAssessment({ kind: 'pre', enrollment: e2, course: second.course._id, unit: las._id, level: 2, assessedAt: at('2026-03-02') });
  await recordAssessment({ kind: 'post', enrollment: e2, course: second.course._id, unit: las._id, level: 3, assessedAt: at('2026-03-06') });
  await recordAssessment({ kind: 'post', enrollment: eOther, course: first.course._id, unit: k3._id, level: 4, assessedAt: at('2026-01-09') });
  return { ...ctx, first, second };
}

describe('competencies: My skills', () => {
  it('shows each unit of the job profile with current and required level in numbers and words, gaps, gains and history', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'ahmad@my.test', PASSWORD);
    const text = mainText((await agent.get('/my/skills').expect(200)).text);
    expect(text).to.include('Jabatan: Juru las SMAW 3G · Juru Las SMAW Posisi 3G');
    expect(text).to.include('1 dari 2 unit sudah memenuhi level yang dibutuhkan. Total kekurangan: 3 level.');
    expect(text).to.include('C.24LAS01.029.1 Sambungan Las Kampuh Sekarang 3 Mandiri Dibutuhkan 3 · Mandiri ✓ Sudah memenuhi');
    expect(text).to.include(`${t.second.course.code} 6 Mar 2026: 2 → 3 ▲ +1 ternormalisasi 0,5`);
    expect(text).to.include(`${t.first.course.code} 9 Jan 2026: 1 → 2 ▲ +1 ternormalisasi 0,33`);
    expect(text).to.include('Riwayat penilaian (4)');
    expect(text).to.match(/C\.28LOG20\.003\.2 Prinsip K3 Sekarang — Belum dinilai Dibutuhkan 3 · Mandiri ▼ Kurang 3 level/);
    expect(text).to.include('Unit lain yang pernah dinilai C.28LOG09.002.2 Membaca Gambar Teknik Sekarang 0 Tidak ada');
    expect(text).not.to.include('Dapat mengajar');
    const en = mainText((await agent.get('/my/skills?lng=en').expect(200)).text);
    expect(en).to.include('My skills').and.include('Safety principles').and.include('3 levels short');
    expect(en).to.include('1 of 2 units meet the level required. Total gap: 3 levels.');
  });

  it('tells a worker without a job profile that the levels required are unknown, and still shows what was assessed', async () => {
    const t = await setup();
    await createWorker({ name: 'Tanpa Profil', email: 'tanpa@my.test', position: 'Operator tanur' });
    const text = mainText((await (await signIn(t.app, 'tanpa@my.test', PASSWORD)).get('/my/skills').expect(200)).text);
    expect(text).to.include('Belum ada profil jabatan untuk "Operator tanur"').and.include('Belum ada penilaian tercatat untuk Anda.');
  });

  it('greets an account without a worker record with a friendly message, and is for workers only', async () => {
    const t = await setup();
    await createUser({ email: 'solo@my.test', roles: ['worker'] });
    const text = mainText((await (await signIn(t.app, 'solo@my.test', PASSWORD)).get('/my/skills').expect(200)).text);
    expect(text).to.include('Akun Anda belum terhubung dengan data pekerja');
    await createUser({ email: 'koor@my.test', roles: ['coordinator'] });
    await (await signIn(t.app, 'koor@my.test', PASSWORD)).get('/my/skills').expect(403);
  });
});
