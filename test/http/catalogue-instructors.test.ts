import { expect } from 'chai';
import { Instructor, findInstructorIdByUser, listInstructorOptions } from '../../src/modules/catalogue';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { createInstructor } from '../support/catalogue-factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

describe('catalogue: instructors', () => {
  it('creates an external instructor linked to an instructor account and lists them', async () => {
    const { agent } = await coordinator();
    const account = await createUser({ name: 'Haryanto', email: 'haryanto@t.test', roles: ['instructor'] });
    const form = await agent.get('/instructors/new').expect(200);
    expect(form.text).to.include(`<option value="${account.id}">Haryanto (haryanto@t.test)</option>`);
    const res = await submitForm(agent, '/instructors/new', '/instructors', {
      name: 'Haryanto, S.Pd.', kind: 'external', organisation: 'BLK Kabupaten Tegal', phone: '0813 2755 1620',
      email: 'Haryanto@BLK.test', trades: ['welding', 'safety'], user: account.id,
    });
    expect(res.status).to.equal(303);
    const saved = await Instructor.findOne({ name: 'Haryanto, S.Pd.' }).lean();
    expect(saved).to.deep.include({ kind: 'external', organisation: 'BLK Kabupaten Tegal', phone: '+6281327551620', email: 'haryanto@blk.test', active: true });
    expect(saved!.trades).to.deep.equal(['welding', 'safety']);
    expect(String(saved!.user)).to.equal(account.id);
    expect(await findInstructorIdByUser(account.id)).to.equal(String(saved!._id));

    const list = mainText((await agent.get('/instructors').expect(200)).text);
    expect(list).to.include('Haryanto, S.Pd.').and.include('Eksternal BLK Kabupaten Tegal').and.include('Pengelasan, K3');
    expect(list).to.include('0813-2755-1620').and.include('Haryanto').and.include('Aktif');
    const again = await agent.get('/instructors/new').expect(200);
    expect(again.text, 'a linked account is no longer offered').to.not.include(`<option value="${account.id}"`);
  });

  it('refuses bad input with 422 and Indonesian messages, writing nothing', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/instructors/new', '/instructors', {
      name: '', kind: 'external', organisation: '', phone: '12345', email: 'bukan-email', trades: ['plumbing'],
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Wajib diisi.');
    expect(text).to.include('Isi asal lembaga instruktur eksternal.');
    expect(text).to.include('Nomor HP tidak valid.');
    expect(text).to.include('Alamat email tidak valid.');
    expect(text).to.include('Isian tidak valid.');
    expect(res.text).to.include('value="bukan-email"');
    const noKind = await submitForm(agent, '/instructors/new', '/instructors', { name: 'Darmaji' });
    expect(noKind.status).to.equal(422);
    expect(mainText(noKind.text)).to.include('Pilih internal atau eksternal.');
    expect(await Instructor.countDocuments()).to.equal(0);
  });

  it('links an account to one instructor only, and only an account with the instructor role', async () => {
    const { agent } = await coordinator();
    const account = await createUser({ email: 'sugeng@t.test', roles: ['instructor'] });
    const worker = await createUser({ email: 'pekerja@t.test', roles: ['worker'] });
    await createInstructor({ name: 'Sugeng Widodo', user: account._id });
    const taken = await submitForm(agent, '/instructors/new', '/instructors', { name: 'Sugeng W.', kind: 'internal', user: account.id });
    expect(taken.status).to.equal(422);
    expect(mainText(taken.text)).to.include('Akun ini sudah terhubung dengan instruktur lain.');
    const notInstructor = await submitForm(agent, '/instructors/new', '/instructors', { name: 'Ahmad', kind: 'internal', user: worker.id });
    expect(notInstructor.status).to.equal(422);
    expect(mainText(notInstructor.text)).to.include('Akun ini tidak aktif atau tidak memiliki peran instruktur.');
    expect(await Instructor.countDocuments()).to.equal(1);
  });

  it('edits an instructor, unlinking the account and clearing the phone, so another record may take the account', async () => {
    const { agent } = await coordinator();
    const account = await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const first = await createInstructor({ name: 'Darmaji', phone: '+6281326114207', user: account._id });
    const res = await submitForm(agent, `/instructors/${first.id}`, `/instructors/${first.id}`, {
      name: 'Darmaji', kind: 'internal', organisation: 'PT. Presisi Teknik Pantura', phone: '', email: '', trades: ['machining'], user: '',
    });
    expect(res.status).to.equal(303);
    const saved = await Instructor.findById(first.id).lean();
    expect(saved!.user).to.equal(undefined);
    expect(saved!.phone).to.equal(undefined);
    expect(saved!.trades).to.deep.equal(['machining']);
    const second = await createInstructor({ name: 'Nur Kholis' });
    const link = await submitForm(agent, `/instructors/${second.id}`, `/instructors/${second.id}`, { name: 'Nur Kholis', kind: 'internal', user: account.id });
    expect(link.status).to.equal(303);
    expect(await findInstructorIdByUser(account.id)).to.equal(second.id);
  });

  it('deactivates an instructor: kept on record, no longer offered for scheduling', async () => {
    const { agent } = await coordinator();
    const instructor = await createInstructor({ name: 'Bambang Irawan' });
    const token = await formToken(agent, `/instructors/${instructor.id}`);
    await agent.post(`/instructors/${instructor.id}/active`).type('form').send(formBody({ _csrf: token, active: 'false' })).expect(303);
    expect((await Instructor.findById(instructor.id).lean())!.active).to.equal(false);
    expect(await listInstructorOptions()).to.deep.equal([]);
    expect(mainText((await agent.get('/instructors').expect(200)).text)).to.include('Bambang Irawan').and.include('Nonaktif');
    const again = await formToken(agent, `/instructors/${instructor.id}`);
    await agent.post(`/instructors/${instructor.id}/active`).type('form').send(formBody({ _csrf: again, active: 'true' })).expect(303);
    expect((await listInstructorOptions()).map((i) => i.name)).to.deep.equal(['Bambang Irawan']);
  });

  it('is closed to instructors and workers', async () => {
    const { app } = buildApp();
    const instructor = await createInstructor();
    await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const agent = await signIn(app, 'ins@t.test', PASSWORD);
    await agent.get('/instructors').expect(403);
    const token = await formToken(agent, '/account/password');
    await agent.post(`/instructors/${instructor.id}/active`).type('form').send(formBody({ _csrf: token, active: 'false' })).expect(403);
    expect((await Instructor.findById(instructor.id).lean())!.active).to.equal(true);
  });
});
