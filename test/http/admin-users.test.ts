import { expect } from 'chai';
import { Credential, User } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { createWorker } from '../support/people-factories';

describe('admin: accounts', () => {
  it('lets an admin create a worker account that logs in by phone', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const workshop = await createWorkshop({ name: 'Logam Uji' });
    // A worker login belongs to a worker record (see worker-logins.test.ts).
    await createWorker(workshop._id, { name: 'Slamet Widodo', phone: '+6285712345678' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Slamet Widodo', email: '', phone: '0857 1234 5678', roles: ['worker'], workshop: workshop.id, language: 'id', password: 'kata-sandi-awal',
    });
    expect(res.status).to.equal(303);
    const created = await User.findOne({ phone: '+6285712345678' }).lean();
    expect(created).to.include({ name: 'Slamet Widodo', active: true });
    expect(created!.email).to.equal(undefined);
    expect(String(created!.workshop)).to.equal(workshop.id);
    expect(res.headers.location).to.equal(`/admin/users/${created!._id}`);
    await signIn(app, '085712345678', 'kata-sandi-awal');
  });

  it('gives several roles to one account', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const target = await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      name: 'Instruktur Koordinator', email: 'ins@t.test', phone: '', roles: ['instructor', 'coordinator'], workshop: '', language: 'en',
    });
    expect(res.status).to.equal(303);
    const saved = await User.findById(target.id).lean();
    expect(saved!.roles).to.have.members(['instructor', 'coordinator']);
    const both = await signIn(app, 'ins@t.test', PASSWORD);
    await both.get('/home/coordinator').expect(200);
    await both.get('/home/instructor').expect(200);
  });

  it('refuses bad input with 422 and a message per field, writing nothing', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    await createUser({ email: 'taken@t.test' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const before = await User.countDocuments();
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: '', email: 'not-an-email', phone: '12', roles: [], workshop: '', language: 'id', password: 'short',
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Wajib diisi.');
    expect(text).to.include('Alamat email tidak valid.');
    expect(text).to.include('Pilih minimal satu peran.');
    expect(text).to.include('Kata sandi minimal 10 karakter.');
    expect(res.text).to.include('value="not-an-email"');
    expect(res.text).not.to.include('value="short"');

    const dup = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Kembar', email: 'TAKEN@t.test', phone: '', roles: ['coordinator'], workshop: '', language: 'id', password: 'kata-sandi-awal',
    });
    expect(dup.status).to.equal(422);
    expect(mainText(dup.text)).to.include('Sudah dipakai oleh akun lain.');

    const noWorkshop = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'Tanpa Bengkel', email: 'nw@t.test', phone: '', roles: ['worker'], workshop: '', language: 'id', password: 'kata-sandi-awal',
    });
    expect(noWorkshop.status).to.equal(422);
    expect(mainText(noWorkshop.text)).to.include('Manajer dan pekerja harus terdaftar pada satu bengkel.');
    expect(await User.countDocuments()).to.equal(before);
    expect(await Credential.countDocuments()).to.equal(before);
  });

  it('ignores operator objects smuggled into the form', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: 'X', 'email[$ne]': 'x', phone: '', roles: ['coordinator'], language: 'id', password: 'kata-sandi-awal',
    });
    expect(res.status).to.equal(422);
    const search = await admin.get('/admin/users?q[$ne]=x');
    expect(search.status).to.equal(200);
  });

  it('is closed to coordinators (403) and to visitors (login)', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await koor.get('/admin/users');
    expect(res.status).to.equal(403);
    expect(mainText(res.text)).to.include('Akun Anda tidak memiliki akses ke halaman ini.');
  });

  it('searches accounts by name and by phone as people type it', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    await createUser({ name: 'Budi Santoso', email: null, phone: '+6281399990000', roles: ['coordinator'] });
    await createUser({ name: 'Wati Rahayu', email: 'wati@t.test', roles: ['coordinator'] });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const byName = mainText((await admin.get('/admin/users?q=budi').expect(200)).text);
    expect(byName).to.include('Budi Santoso').and.not.include('Wati Rahayu');
    const byPhone = mainText((await admin.get('/admin/users?q=0813-9999').expect(200)).text);
    expect(byPhone).to.include('Budi Santoso').and.not.include('Wati Rahayu');
    const regexChars = await admin.get('/admin/users?q=.*(').expect(200);
    expect(mainText(regexChars.text)).to.include('0 hasil');
  });

  it('shows the outbox to admins when mail goes to the local outbox', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    await createUser({ email: 'lupa@t.test', name: 'Lupa Sandi' });
    const anon = (await import('supertest')).default.agent(app);
    await submitForm(anon, '/forgot-password', '/forgot-password', { identifier: 'lupa@t.test' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const list = await admin.get('/admin/outbox').expect(200);
    expect(mainText(list.text)).to.include('lupa@t.test').and.include('Atur ulang kata sandi Takaru Skills');
    const id = /href="\/admin\/outbox\/([^"]+)"/.exec(list.text)![1]!;
    const message = await admin.get(`/admin/outbox/${id}`).expect(200);
    expect(mainText(message.text)).to.match(/\/reset-password\/[A-Za-z0-9_-]{43}/);
    await admin.get('/admin/outbox/..%2F..%2Fetc%2Fpasswd').expect(404);
  });
});

describe('admin: identifiers stay unique', () => {
  it('names the taken field when an edit reuses another account\'s phone or email (422, not 500)', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    await createUser({ email: 'owner@t.test', phone: '+6281355554444' });
    const target = await createUser({ email: 'target@t.test' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const phone = await submitForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      name: 'Target', email: 'target@t.test', phone: '0813-5555-4444', roles: ['coordinator'], workshop: '', language: 'id',
    });
    expect(phone.status).to.equal(422);
    expect(phone.text).to.match(/id="f-phone-error"[^>]*>Sudah dipakai oleh akun lain\./);
    const email = await submitForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      name: 'Target', email: 'OWNER@t.test', phone: '', roles: ['coordinator'], workshop: '', language: 'id',
    });
    expect(email.status).to.equal(422);
    expect(email.text).to.match(/id="f-email-error"[^>]*>Sudah dipakai oleh akun lain\./);
    expect((await User.findById(target.id).lean())!.email).to.equal('target@t.test');
  });
});
