import { expect } from 'chai';
import { User } from '../../src/modules/accounts';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { mainText, signIn, submitForm } from '../support/http';

const INITIAL = 'kata-sandi-awal-01';

describe('worker logins are linked to their worker records', () => {
  it('links a worker login made on the admin page to the worker with that phone', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const w = await createWorkshop();
    const other = await createWorkshop();
    const worker = await createWorker(w._id, { name: 'Suparman', phone: '+6281226007777' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Suparman', phone: '0812-2600-7777', roles: 'worker', workshop: String(other._id), language: 'id', password: INITIAL,
    });
    expect(res.status).to.equal(303);
    const account = await User.findOne({ phone: '+6281226007777' }).lean();
    expect(String((await Worker.findById(worker.id).lean())!.user)).to.equal(String(account!._id));
    // The worker record decides the workshop of a worker login.
    expect(String(account!.workshop)).to.equal(String(w._id));
    const agent = await signIn(app, '0812 2600 7777', INITIAL);
    await agent.get('/my/certificates').expect(200);
  });

  it('refuses a worker login that matches no worker record, pointing to the worker list', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const w = await createWorkshop();
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const before = await User.countDocuments();
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Tanpa Data', phone: '0812-2600-8888', roles: 'worker', workshop: String(w._id), language: 'id', password: INITIAL,
    });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Tidak ada data pekerja dengan nomor HP/email ini');
    expect(res.text).to.include('href="/workers?q=0812-2600-8888"');
    expect(await User.countDocuments()).to.equal(before);
  });

  it('refuses when the phone and the email point at two different workers', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const w = await createWorkshop();
    await createWorker(w._id, { phone: '+6281226001111' });
    await createWorker(w._id, { phone: '+6281226001112', email: 'dua@t.test' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Bingung', phone: '0812-2600-1111', email: 'dua@t.test', roles: 'worker', workshop: String(w._id), language: 'id', password: INITIAL,
    });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('lebih dari satu data pekerja');
  });

  it('links an existing unlinked worker login from the worker page', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const worker = await createWorker(w._id, { name: 'Yatno', phone: '+6281226009999' });
    const orphan = await createUser({ email: null, phone: '+6281226009999', roles: ['worker'], workshop: w._id });
    const yatno = await signIn(app, '0812-2600-9999', PASSWORD);
    // Not linked yet: nothing of their own (and "no link" must not be remembered by the lookup cache).
    await yatno.get('/my/certificates').expect(404);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const page = mainText((await koor.get(`/workers/${worker.id}`).expect(200)).text);
    expect(page).to.include('Hubungkan akun yang ada');
    const res = await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/account/link`, {});
    expect(res.status).to.equal(303);
    expect(String((await Worker.findById(worker.id).lean())!.user)).to.equal(String(orphan._id));
    await yatno.get('/my/certificates').expect(200);
    expect(mainText((await koor.get(`/workers/${worker.id}`).expect(200)).text)).to.include('Sudah punya akun login: 0812-2600-9999');
  });

  it('does not offer to link an account that is not a worker login', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const worker = await createWorker(w._id, { phone: '+6281226005555' });
    await createUser({ email: null, phone: '+6281226005555', roles: ['instructor'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    expect(mainText((await koor.get(`/workers/${worker.id}`).expect(200)).text)).not.to.include('Hubungkan akun yang ada');
    const res = await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/account/link`, {});
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Tidak ada satu akun login pekerja yang belum terhubung');
    expect((await Worker.findById(worker.id).lean())!.user).to.equal(undefined);
  });
});
