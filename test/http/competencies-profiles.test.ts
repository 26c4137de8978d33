import { expect } from 'chai';
import { JobProfile } from '../../src/modules/competencies';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';
import { createProfile, createUnit, createWorker } from '../support/competencies-factories';

async function setup() {
  const ctx = buildApp();
  const las = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
  const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Prinsip K3', en: 'Safety' }, trade: 'safety' });
  await createUser({ email: 'koor@jp.test', roles: ['coordinator'] });
  return { ...ctx, las, k3, agent: await signIn(ctx.app, 'koor@jp.test', PASSWORD) };
}

describe('competencies: job profiles', () => {
  it('creates a profile with the level required per unit and a core scheme, and lists it with its holders', async () => {
    const { agent, las, k3 } = await setup();
    await createWorker({ position: 'juru las SMAW 3G' });
    const res = await submitForm(agent, '/job-profiles/new', '/job-profiles', {
      position: 'Juru las SMAW 3G', title_id: 'Juru Las SMAW Posisi 3G', title_en: 'SMAW welder, 3G', trade: 'welding', coreScheme: 'Juru Las SMAW 3G',
      reqUnit: [las.id, k3.id, ''], reqLevel: ['3', '3', ''],
    });
    expect(res.status).to.equal(303);
    const saved = await JobProfile.findOne({}).lean();
    expect(res.headers.location).to.equal(`/job-profiles/${saved!._id}`);
    expect(saved).to.deep.include({ position: 'Juru las SMAW 3G', positionKey: 'juru las smaw 3g', coreScheme: 'Juru Las SMAW 3G', trade: 'welding' });
    expect(saved!.requirements.map((r) => [String(r.unit), r.level])).to.deep.equal([[las.id, 3], [k3.id, 3]]);
    const list = mainText((await agent.get('/job-profiles').expect(200)).text);
    expect(list).to.include('Juru las SMAW 3G Juru Las SMAW Posisi 3G Pengelasan 2 1 Juru Las SMAW 3G');
    const edit = await agent.get(`/job-profiles/${saved!._id}`).expect(200);
    expect(edit.text).to.match(new RegExp(`<option value="${las.id}" selected`));
  });

  it('refuses a missing title, a bad level, a unit twice and a taken position with 422, writing nothing', async () => {
    const { agent, las, k3 } = await setup();
    const bad = await submitForm(agent, '/job-profiles/new', '/job-profiles', { position: 'Operator bubut', title_id: '', trade: 'machining', reqUnit: [las.id], reqLevel: ['9'] });
    expect(bad.status).to.equal(422);
    expect(mainText(bad.text)).to.include('Wajib diisi.').and.include('Pilih level 1 sampai 4 untuk setiap unit.');
    expect(bad.text).to.include('value="Operator bubut"');
    const twice = await submitForm(agent, '/job-profiles/new', '/job-profiles', { position: 'Operator bubut', title_id: 'Op', trade: 'machining', reqUnit: [las.id, las.id], reqLevel: ['2', '3'] });
    expect(twice.status).to.equal(422);
    expect(mainText(twice.text)).to.include('Setiap unit cukup dipilih sekali.');
    expect(await JobProfile.countDocuments()).to.equal(0);
    await createProfile({ position: 'Juru las GMAW', requirements: [{ unit: k3._id, level: 2 }] });
    const taken = await submitForm(agent, '/job-profiles/new', '/job-profiles', { position: 'juru LAS gmaw', title_id: 'GMAW', trade: 'welding', reqUnit: [las.id], reqLevel: ['3'] });
    expect(taken.status).to.equal(422);
    expect(mainText(taken.text)).to.include('Jabatan ini sudah punya profil.');
    expect(await JobProfile.countDocuments()).to.equal(1);
  });

  it('edits and deletes a profile', async () => {
    const { agent, las, k3 } = await setup();
    const p = await createProfile({ position: 'Helper las', requirements: [{ unit: k3._id, level: 2 }] });
    const path = `/job-profiles/${p.id}`;
    const res = await submitForm(agent, path, path, { position: 'Helper las', title_id: 'Pembantu Juru Las', trade: 'welding', reqUnit: [k3.id, las.id], reqLevel: ['2', '1'] });
    expect(res.status).to.equal(303);
    expect((await JobProfile.findById(p.id).lean())!.requirements.map((r) => r.level)).to.deep.equal([2, 1]);
    const del = await submitForm(agent, path, `${path}/delete`, {});
    expect(del.status).to.equal(303);
    expect(del.headers.location).to.equal('/job-profiles');
    expect(await JobProfile.countDocuments()).to.equal(0);
  });

  it('is for coordinators and admins only', async () => {
    const { app, k3 } = await setup();
    const p = await createProfile({ position: 'Staf QC', requirements: [{ unit: k3._id, level: 2 }], trade: 'qc' });
    await createUser({ email: 'admin@jp.test', roles: ['admin'] });
    await (await signIn(app, 'admin@jp.test', PASSWORD)).get('/job-profiles').expect(200);
    await createUser({ email: 'man@jp.test', roles: ['manager'] });
    const manager = await signIn(app, 'man@jp.test', PASSWORD);
    await manager.get(`/job-profiles/${p.id}`).expect(403);
    const token = await formToken(manager, '/account/password');
    await manager.post(`/job-profiles/${p.id}/delete`).type('form').send(formBody({ _csrf: token })).expect(403);
    await manager.post(`/job-profiles/${p.id}`).type('form').send(formBody({ _csrf: token, position: 'X', title_id: 'X', trade: 'qc', reqUnit: k3.id, reqLevel: '4' })).expect(403);
    expect((await JobProfile.findById(p.id).lean())!.position).to.equal('Staf QC');
  });
});
