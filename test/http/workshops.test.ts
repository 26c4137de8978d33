import { expect } from 'chai';
import { Workshop } from '../../src/modules/workshops';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';

const form = (overrides: Record<string, string> = {}) => ({
  name: 'Baja Presisi Dampyak', legalForm: 'PT', owner: 'Hj. Rohmah', products: 'Bushing, poros', unit: 'Blok F-01', phone: '(0283) 351234', contact: 'Bu Sri', ...overrides,
});

describe('workshops: pages', () => {
  it('lets a coordinator create a workshop and shows it in the list', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await submitForm(koor, '/workshops/new', '/workshops', form({ name: 'PT. Baja  Presisi Dampyak' }));
    expect(res.status).to.equal(303);
    const saved = await Workshop.findOne({ name: 'Baja Presisi Dampyak' }).lean();
    expect(saved).to.include({ legalForm: 'PT', owner: 'Hj. Rohmah', unit: 'Blok F-01', phone: '+62283351234', contact: 'Bu Sri', archived: false });
    expect(res.headers.location).to.equal(`/workshops/${saved!._id}`);
    const list = mainText((await koor.get('/workshops').expect(200)).text);
    expect(list).to.include('PT. Baja Presisi Dampyak').and.include('Hj. Rohmah');
  });

  it('refuses bad input with 422 and messages, writing nothing', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    await createWorkshop({ name: 'Logam Jaya' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const before = await Workshop.countDocuments();
    const res = await submitForm(koor, '/workshops/new', '/workshops', form({ name: '', legalForm: 'KOPERASI', phone: '12' }));
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Wajib diisi.').and.include('Pilih bentuk usaha: CV, PT atau UD.').and.include('Nomor telepon tidak valid.');
    expect(res.text).to.include('value="Hj. Rohmah"');
    const dup = await submitForm(koor, '/workshops/new', '/workshops', form({ name: 'CV. LOGAM jaya' }));
    expect(dup.status).to.equal(422);
    expect(mainText(dup.text)).to.include('Sudah ada bengkel dengan nama ini.');
    expect(await Workshop.countDocuments()).to.equal(before);
  });

  it('edits a workshop, and refuses an edit that takes another workshop\'s name', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const w = await createWorkshop({ name: 'Sinar Baja' });
    await createWorkshop({ name: 'Mitra Las' });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const ok = await submitForm(admin, `/workshops/${w.id}`, `/workshops/${w.id}`, form({ name: 'Sinar Baja Tegal', legalForm: 'UD', phone: '' }));
    expect(ok.status).to.equal(303);
    const saved = await Workshop.findById(w.id).lean();
    expect(saved).to.include({ name: 'Sinar Baja Tegal', legalForm: 'UD' });
    expect(saved!.phone).to.equal(undefined);
    const taken = await submitForm(admin, `/workshops/${w.id}`, `/workshops/${w.id}`, form({ name: 'mitra las' }));
    expect(taken.status).to.equal(422);
    expect((await Workshop.findById(w.id).lean())!.name).to.equal('Sinar Baja Tegal');
  });

  it('searches by name, owner and products, with or without the legal form', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    await Workshop.create({ name: 'Cor Logam Talang', legalForm: 'UD', owner: 'Darsono', products: 'Rumah pompa' });
    await Workshop.create({ name: 'Bina Karya Bubut', legalForm: 'CV', owner: 'Eko Prasetyo', products: 'Mur baut khusus' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const find = async (q: string) => mainText((await koor.get(`/workshops?q=${encodeURIComponent(q)}`).expect(200)).text);
    expect(await find('darsono')).to.include('Cor Logam Talang').and.not.include('Bina Karya');
    expect(await find('mur baut')).to.include('Bina Karya Bubut').and.not.include('Cor Logam');
    expect(await find('CV. Bina')).to.include('Bina Karya Bubut');
    expect(await find('PT Bina')).to.include('0 hasil');
    expect(await find('.*(')).to.include('0 hasil');
  });

  it('archives and unarchives: archived workshops leave the default list and the choices', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop({ name: 'Makmur Sentosa' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    expect((await submitForm(koor, `/workshops/${w.id}`, `/workshops/${w.id}/archive`, { archived: 'true' })).status).to.equal(303);
    expect((await Workshop.findById(w.id).lean())!.archived).to.equal(true);
    expect(mainText((await koor.get('/workshops').expect(200)).text)).not.to.include('Makmur Sentosa');
    expect(mainText((await koor.get('/workshops?show=archived').expect(200)).text)).to.include('Makmur Sentosa').and.include('Diarsipkan');
    expect((await koor.get('/workers/new').expect(200)).text).not.to.include('Makmur Sentosa');
    expect((await submitForm(koor, `/workshops/${w.id}`, `/workshops/${w.id}/archive`, { archived: 'false' })).status).to.equal(303);
    expect((await Workshop.findById(w.id).lean())!.archived).to.equal(false);
    expect((await submitForm(koor, `/workshops/${w.id}`, `/workshops/${w.id}/archive`, { archived: 'maybe' })).status).to.equal(422);
    expect((await Workshop.findById(w.id).lean())!.archived).to.equal(false);
  });

  it('shows a manager only their own workshop, read-only; other workshops are not found', async () => {
    const { app } = buildApp();
    const own = await createWorkshop({ name: 'Logam Jaya Takaru' });
    const other = await createWorkshop({ name: 'Sinar Baja Tegal' });
    await createUser({ email: 'man@t.test', roles: ['manager'], workshop: own._id });
    const man = await signIn(app, 'man@t.test', PASSWORD);
    const list = await man.get('/workshops').expect(200);
    expect(mainText(list.text)).to.include('Logam Jaya Takaru').and.not.include('Sinar Baja Tegal');
    expect(list.text).not.to.include('href="/workshops/new"');
    const page = await man.get(`/workshops/${own.id}`).expect(200);
    expect(page.text).not.to.include(`action="/workshops/${own.id}"`);
    await man.get(`/workshops/${other.id}`).expect(404);
    const edit = await submitForm(man, `/workshops/${own.id}`, `/workshops/${own.id}`, { name: 'Diubah', legalForm: 'CV' });
    expect(edit.status).to.equal(403);
    expect(mainText(edit.text)).to.include('Akun Anda tidak memiliki akses ke halaman ini.');
    expect((await submitForm(man, `/workshops/${own.id}`, `/workshops/${own.id}/archive`, { archived: 'true' })).status).to.equal(403);
    expect((await Workshop.findById(own.id).lean())!.name).to.equal('Logam Jaya Takaru');
  });

  it('is closed to workers and instructors', async () => {
    const { app } = buildApp();
    await createUser({ email: 'w@t.test', roles: ['worker'] });
    await createUser({ email: 'i@t.test', roles: ['instructor'] });
    const w = await createWorkshop();
    for (const email of ['w@t.test', 'i@t.test']) {
      const agent = await signIn(app, email, PASSWORD);
      await agent.get('/workshops').expect(403);
      await agent.get(`/workshops/${w.id}`).expect(403);
    }
  });
});
