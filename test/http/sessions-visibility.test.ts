import { expect } from 'chai';
import type { Types } from 'mongoose';
import { Instructor } from '../../src/modules/catalogue';
import { Enrollment, Meeting } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, type Agent } from '../support/http';
import { makeSession, makeWorker } from '../support/scheduling-factories';

const DAY = 24 * 3600 * 1000;
const REASON = 'Bentrok disetujui kepala bengkel';

/**
 * Two workshops with workers in one session: what each role sees ON the session page and the
 * pages of its people (registers, sign-in sheet, assessments), not only whether it may open them.
 */
async function world() {
  const ctx = buildApp();
  const shopA = await createWorkshop({ name: 'Sinar Las' });
  const shopB = await createWorkshop({ name: 'Baja Makmur' });
  const teacherUser = await createUser({ email: 'guru@t.test', roles: ['instructor'] });
  const teacher = await Instructor.create({ name: 'Pak Guru Kelas', kind: 'internal', user: teacherUser._id });
  const otherUser = await createUser({ email: 'guru-lain2@t.test', roles: ['instructor'] });
  await Instructor.create({ name: 'Pak Guru Lain', kind: 'internal', user: otherUser._id });
  await createUser({ email: 'manajer-a@t.test', roles: ['manager'], workshop: shopA._id });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const workerUser = await createUser({ email: 'ani@t.test', roles: ['worker'], workshop: shopA._id });

  const session = await makeSession({ start: new Date(Date.now() + 7 * DAY), instructors: [teacher._id], capacity: 3 });
  const meeting = (await Meeting.findOne({ session: session._id }).lean())!;
  const people = {
    ani: await makeWorker({ name: 'Ani Sinar', workshop: shopA._id, user: workerUser._id, position: 'Juru las A' }),
    adi: await makeWorker({ name: 'Adi Sinar', workshop: shopA._id }),
    budi: await makeWorker({ name: 'Budi Baja', workshop: shopB._id, position: 'Mandor B' }),
    bima: await makeWorker({ name: 'Bima Baja', workshop: shopB._id }),
    bayu: await makeWorker({ name: 'Bayu Baja', workshop: shopB._id }),
  };
  const enrol = (w: { _id: Types.ObjectId }, status: 'enrolled' | 'waitlisted', extra: Record<string, unknown> = {}) =>
    Enrollment.create({ session: session._id, worker: w._id, status, requestedBy: 'coordinator', ...(status === 'waitlisted' ? { waitlistedAt: new Date() } : { enrolledAt: new Date() }), ...extra });
  await enrol(people.ani, 'enrolled', { overrideReason: REASON });
  await enrol(people.budi, 'enrolled');
  await enrol(people.bima, 'enrolled');
  await enrol(people.bayu, 'waitlisted', { waitlistedAt: new Date(Date.now() - 60_000) });
  await enrol(people.adi, 'waitlisted');
  return { ...ctx, session, meeting };
}

const A_NAMES = ['Ani Sinar', 'Adi Sinar'];
const B_NAMES = ['Budi Baja', 'Bima Baja', 'Bayu Baja', 'Baja Makmur', 'Mandor B'];

async function page(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).expect(200);
  return mainText(res.text);
}

function expectNames(text: string, shown: string[], hidden: string[]): void {
  for (const n of shown) expect(text, `shows ${n}`).to.include(n);
  for (const n of hidden) expect(text, `hides ${n}`).not.to.include(n);
}

describe('who sees the people of a session', () => {
  it("shows a manager only their own workshop's workers, the others as a count, no override reason", async () => {
    const { app, session } = await world();
    const manager = await signIn(app, 'manajer-a@t.test', PASSWORD);
    const text = await page(manager, `/sessions/${session.id}`);
    expectNames(text, A_NAMES, [...B_NAMES, REASON]);
    expect(text).to.include('Terdaftar (3)').and.include('2 peserta dari bengkel lain');
    expect(text).to.include('Daftar tunggu (2)').and.include('1 di daftar tunggu dari bengkel lain');
    expect(text, 'no links to pages they cannot open').not.to.include('Lembar tanda tangan').and.not.include('Penilaian pra/pasca');
  });

  it('shows the instructor of the class everyone, without the override reason; their registers list everyone', async () => {
    const { app, session, meeting } = await world();
    const teacher = await signIn(app, 'guru@t.test', PASSWORD);
    expectNames(await page(teacher, `/sessions/${session.id}`), [...A_NAMES, 'Budi Baja', 'Bima Baja', 'Bayu Baja', 'Baja Makmur'], [REASON]);
    for (const path of [`/meetings/${meeting._id}/attendance`, `/meetings/${meeting._id}/sign-in-sheet`, `/sessions/${session.id}/attendance`]) {
      expectNames(await page(teacher, path), ['Ani Sinar', 'Budi Baja', 'Bima Baja'], []);
    }
    await teacher.get(`/sessions/${session.id}/assessments`).expect(200);
  });

  it('shows another instructor no names, only counts, and refuses them the registers', async () => {
    const { app, session, meeting } = await world();
    const other = await signIn(app, 'guru-lain2@t.test', PASSWORD);
    const text = await page(other, `/sessions/${session.id}`);
    expectNames(text, [], [...A_NAMES, ...B_NAMES, 'Sinar Las', REASON]);
    expect(text).to.include('3 peserta terdaftar').and.include('2 di daftar tunggu');
    for (const path of [`/meetings/${meeting._id}/attendance`, `/meetings/${meeting._id}/sign-in-sheet`, `/meetings/${meeting._id}/checkin-code`, `/sessions/${session.id}/attendance`, `/sessions/${session.id}/assessments`]) {
      await other.get(path).expect(403);
    }
  });

  it('refuses a manager the registers, sign-in sheet and assessments', async () => {
    const { app, session, meeting } = await world();
    const manager = await signIn(app, 'manajer-a@t.test', PASSWORD);
    for (const path of [`/meetings/${meeting._id}/attendance`, `/meetings/${meeting._id}/sign-in-sheet`, `/sessions/${session.id}/attendance`, `/sessions/${session.id}/assessments`]) {
      await manager.get(path).expect(403);
    }
  });

  it('shows a worker only their own place', async () => {
    const { app, session } = await world();
    const worker = await signIn(app, 'ani@t.test', PASSWORD);
    const text = await page(worker, `/sessions/${session.id}`);
    expect(text).to.include('Anda terdaftar di kelas ini.');
    expectNames(text, [], ['Adi Sinar', ...B_NAMES, REASON]);
  });

  it('shows a coordinator everyone with the override reason', async () => {
    const { app, session } = await world();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const text = await page(koor, `/sessions/${session.id}`);
    expectNames(text, [...A_NAMES, 'Budi Baja', 'Bima Baja', 'Bayu Baja', 'Baja Makmur', 'Mandor B', `Alasan: ${REASON}`], ['peserta dari bengkel lain']);
    expect(text).to.include('Terdaftar (3)').and.include('Daftar tunggu (2)');
  });
});
