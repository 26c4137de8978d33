import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Enrollment } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn } from '../support/http';
import { makeSession, makeWorker } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z';
const NIK = '3328014505900007';

/** A future class and 3 workers named Tarmuji in different workshops, plus one with a NIK. */
async function setup() {
  const { app } = buildApp({ clock: new ManualClock(NOW) });
  const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z') });
  const [sinar, makmur, tunas] = [
    await createWorkshop({ name: 'Sinar Baja', legalForm: 'CV' }),
    await createWorkshop({ name: 'Makmur Teknik', legalForm: 'UD' }),
    await createWorkshop({ name: 'Tunas Logam', legalForm: 'PT' }),
  ];
  const tarmujis = [
    await makeWorker({ name: 'Tarmuji', workshop: sinar._id, position: 'Juru las SMAW 3G' }),
    await makeWorker({ name: 'Tarmuji', workshop: makmur._id, position: 'Operator mesin bubut' }),
    await makeWorker({ name: 'Tarmuji Hidayat', workshop: tunas._id, position: 'Operator pelat' }),
  ];
  const siti = await makeWorker({ name: 'Siti Lestari', workshop: sinar._id, phone: '+6281234567890', nik: NIK });
  await makeWorker({ name: 'Tarmuji Lama', workshop: tunas._id, active: false });
  await createUser({ email: 'koor@pick.test', roles: ['coordinator'] });
  await createUser({ email: 'mgr@pick.test', roles: ['manager'], workshop: sinar._id });
  await createUser({ email: 'wrk@pick.test', roles: ['worker'], workshop: sinar._id });
  return { app, session, tarmujis, siti, page: `/sessions/${session.id}/enroll` };
}

describe('sessions: the worker picker for enrolling', () => {
  it('finds the workers matching a name with their workshop and position, leaving out inactive ones', async () => {
    const { app, page } = await setup();
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const res = await koor.get(`${page}?q=tarmuji`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('CV. Sinar Baja').and.include('Juru las SMAW 3G');
    expect(text).to.include('UD. Makmur Teknik').and.include('Operator mesin bubut');
    expect(text).to.include('Tarmuji Hidayat').and.include('PT. Tunas Logam');
    expect(text).not.to.include('Tarmuji Lama').and.not.to.include('Siti Lestari');
    expect(res.text.match(/name="worker" value="[a-f0-9]{24}"/g)).to.have.length(3);
  });

  it('finds workers by workshop and by phone number as people type it', async () => {
    const { app, page } = await setup();
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const byShop = mainText((await koor.get(`${page}?q=${encodeURIComponent('sinar baja')}`).expect(200)).text);
    expect(byShop).to.include('Siti Lestari').and.include('Juru las SMAW 3G').and.not.include('Operator mesin bubut');
    const byPhone = mainText((await koor.get(`${page}?q=${encodeURIComponent('0812 3456')}`).expect(200)).text);
    expect(byPhone).to.include('Siti Lestari').and.not.include('Tarmuji');
  });

  it('finds a worker by NIK for a coordinator and shows it', async () => {
    const { app, page } = await setup();
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const text = mainText((await koor.get(`${page}?q=${NIK.slice(0, 10)}`).expect(200)).text);
    expect(text).to.include('Siti Lestari').and.include(NIK);
  });

  it('is closed to managers and workers, even with a NIK in the query', async () => {
    const { app, page } = await setup();
    for (const who of ['mgr@pick.test', 'wrk@pick.test']) {
      const agent = await signIn(app, who, PASSWORD);
      const res = await agent.get(`${page}?q=${NIK}`);
      expect(res.status, who).to.equal(403);
      // (The query itself comes back in the page's language links: it is the visitor's own input.)
      expect(mainText(res.text)).not.to.include('Siti Lestari').and.not.to.include(NIK);
    }
  });

  it('enrols the chosen Tarmuji from the results and says so', async () => {
    const { app, page, session, tarmujis } = await setup();
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const results = await koor.get(`${page}?q=Tarmuji`).expect(200);
    const chosen = tarmujis[1]!;
    const form = new RegExp(`<form method="post" action="([^"]+)"[^>]*>[\\s\\S]*?name="worker" value="${chosen.id}"`).exec(results.text);
    expect(form, 'an enrol form for the second Tarmuji').to.not.equal(null);
    const res = await koor.post(form![1]!).type('form').send(formBody({ _csrf: csrfFrom(results.text), worker: chosen.id }));
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/sessions/${session.id}`);
    expect(await Enrollment.countDocuments({ session: session._id, worker: chosen._id, status: 'enrolled' })).to.equal(1);
    expect(await Enrollment.countDocuments({ session: session._id })).to.equal(1);
    expect(mainText((await koor.get(res.headers.location!).expect(200)).text)).to.include('Pekerja terdaftar.');
  });

  it('shows at most 20 matches and asks to narrow the search', async () => {
    const { app, page } = await setup();
    const shop = await createWorkshop({ name: 'Berkah Jaya' });
    for (let i = 0; i < 22; i++) await makeWorker({ name: `Slamet ${String(i).padStart(2, '0')}`, workshop: shop._id });
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const res = await koor.get(`${page}?q=slamet`).expect(200);
    expect(res.text.match(/name="worker" value="[a-f0-9]{24}"/g)).to.have.length(20);
    expect(mainText(res.text)).to.include('Lebih dari 20 pekerja cocok');
  });

  it('links the session page to the picker instead of listing every worker', async () => {
    const { app, session } = await setup();
    const koor = await signIn(app, 'koor@pick.test', PASSWORD);
    const res = await koor.get(`/sessions/${session.id}`).expect(200);
    expect(res.text).to.match(new RegExp(`<form method="get" action="/sessions/${session.id}/enroll"`));
    expect(res.text).not.to.include('<select id="f-worker"');
  });
});
