import { expect } from 'chai';
import { User } from '../../src/modules/accounts';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { mainText, signIn, submitForm } from '../support/http';

const NIK = '3328071203950042';

describe('workers: records', () => {
  it('lets a coordinator add a worker with every field and shows it, NIK included', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop({ name: 'Logam Jaya Takaru' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await submitForm(koor, '/workers/new', '/workers', {
      name: 'Slamet  Riyadi', phone: '0812-2600-1234', email: 'Slamet@Contoh.test', workshop: w.id,
      trades: ['welding', 'qc'], position: 'Juru las SMAW 3G', joinedAt: '2021-07-15', nik: '3328 0712 0395 0042',
    });
    expect(res.status).to.equal(303);
    const saved = await Worker.findOne({ phone: '+6281226001234' }).lean();
    expect(saved).to.include({ name: 'Slamet Riyadi', email: 'slamet@contoh.test', position: 'Juru las SMAW 3G', nik: NIK, active: true });
    expect(saved!.trades).to.deep.equal(['welding', 'qc']);
    expect(saved!.joinedAt!.toISOString()).to.equal('2021-07-14T17:00:00.000Z'); // midnight WIB
    expect(res.headers.location).to.equal(`/workers/${saved!._id}`);
    const page = mainText((await koor.get(res.headers.location!).expect(200)).text);
    expect(page).to.include('Slamet Riyadi').and.include('0812-2600-1234').and.include(NIK).and.include('Pengelasan, Kontrol mutu').and.include('15 Jul 2021');
  });

  it('refuses bad input with 422 and a message per field, writing nothing', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await submitForm(koor, '/workers/new', '/workers', {
      name: '', phone: '12345', email: 'bukan-email', workshop: '', trades: ['welding', 'juggling'], joinedAt: '31/02/2024', nik: '332807120395004',
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    for (const message of ['Wajib diisi.', 'Nomor HP tidak valid.', 'Alamat email tidak valid.', 'Pilih bengkel.', 'Tanggal tidak valid.', 'NIK harus 16 angka.', 'Isian tidak valid.']) {
      expect(text).to.include(message);
    }
    expect(res.text).to.include('value="bukan-email"');
    const future = await submitForm(koor, '/workers/new', '/workers', { name: 'Besok', phone: '081226009999', workshop: w.id, joinedAt: '2099-01-01' });
    expect(future.status).to.equal(422);
    expect(mainText(future.text)).to.include('Tanggal masuk tidak boleh setelah hari ini.');
    expect(await Worker.countDocuments()).to.equal(0);
  });

  it('refuses a phone or NIK that another worker has (422, clear messages)', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    await createWorker(w._id, { phone: '+6281226005555', nik: NIK });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await submitForm(koor, '/workers/new', '/workers', { name: 'Kembar', phone: '+62 812 2600 5555', workshop: w.id, nik: NIK });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Nomor HP ini sudah tercatat untuk pekerja lain.').and.include('NIK ini sudah tercatat untuk pekerja lain.');
    expect(await Worker.countDocuments()).to.equal(1);
  });

  it('edits a worker: empty optional fields are removed, a taken phone is refused', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const other = await createWorker(w._id, { phone: '+6281226007777' });
    const worker = await createWorker(w._id, { nik: NIK, email: 'a@t.test' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const edit = await koor.get(`/workers/${worker.id}/edit`).expect(200);
    expect(edit.text).to.include(`value="${NIK}"`);
    const ok = await submitForm(koor, `/workers/${worker.id}/edit`, `/workers/${worker.id}`, {
      name: 'Budi Santoso', phone: worker.phone!, email: '', workshop: w.id, trades: ['machining'], position: 'Operator bubut', joinedAt: '', nik: '',
    });
    expect(ok.status).to.equal(303);
    const saved = await Worker.findById(worker.id).lean();
    expect(saved).to.include({ name: 'Budi Santoso', position: 'Operator bubut' });
    expect(saved!.trades).to.deep.equal(['machining']);
    expect(saved!.nik).to.equal(undefined);
    expect(saved!.email).to.equal(undefined);
    const taken = await submitForm(koor, `/workers/${worker.id}/edit`, `/workers/${worker.id}`, { name: 'Budi', phone: other.phone!, workshop: w.id });
    expect(taken.status).to.equal(422);
    expect((await Worker.findById(worker.id).lean())!.phone).to.equal(worker.phone);
  });

  it('lists 25 per page, searches by name, phone and NIK, and filters by workshop, trade and position', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const a = await createWorkshop({ name: 'Bina Karya Bubut' });
    const b = await createWorkshop({ name: 'Cor Logam Talang' });
    for (let i = 0; i < 27; i++) await createWorker(a._id, { name: `Operator ${String(i).padStart(2, '0')}`, trades: ['machining'], position: 'Operator bubut' });
    await createWorker(b._id, { name: 'Darsono Cor', phone: '+6281226008888', trades: ['casting'], position: 'Tukang cor', nik: NIK });
    await createWorker(b._id, { name: 'Pensiun', active: false });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const get = async (q: string) => mainText((await koor.get(`/workers${q}`).expect(200)).text);
    const first = await get('');
    expect(first).to.include('28 hasil').and.include('Halaman 1 dari 2').and.not.include('Pensiun');
    expect(await get('?page=2')).to.include('Operator 26').and.include('Operator 25');
    expect(await get('?q=darsono')).to.include('1 hasil').and.include('Darsono Cor');
    expect(await get('?q=0812-2600-8888')).to.include('Darsono Cor').and.include('1 hasil');
    expect(await get(`?q=${NIK.slice(0, 10)}`)).to.include('Darsono Cor');
    expect(await get(`?workshop=${b.id}`)).to.include('1 hasil');
    expect(await get('?trade=casting')).to.include('Darsono Cor').and.include('1 hasil');
    expect(await get('?position=operator%20BUBUT')).to.include('27 hasil');
    expect(await get('?status=inactive')).to.include('Pensiun').and.include('1 hasil');
    expect(await get('?trade=juggling&workshop[$ne]=x&page=-3')).to.include('28 hasil');
  });

  it('deactivates a worker, which closes their login at once, and reactivates', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const login = await createUser({ email: null, phone: '+6281226003333', roles: ['worker'], workshop: w._id });
    const worker = await createWorker(w._id, { phone: '+6281226003333', user: login._id });
    const session = await signIn(app, '081226003333', PASSWORD);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    expect((await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/active`, { active: 'false' })).status).to.equal(303);
    expect((await Worker.findById(worker.id).lean())!.active).to.equal(false);
    const after = await session.get('/home/worker');
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.match(/^\/login/);
    expect((await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/active`, { active: 'true' })).status).to.equal(303);
    await signIn(app, '081226003333', PASSWORD);
    expect((await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/active`, { active: 'maybe' })).status).to.equal(422);
    expect((await Worker.findById(worker.id).lean())!.active).to.equal(true);
  });
});

describe('workers: who sees what', () => {
  async function setup() {
    const ctx = buildApp();
    const own = await createWorkshop({ name: 'Logam Jaya Takaru' });
    const other = await createWorkshop({ name: 'Sinar Baja Tegal' });
    await createUser({ email: 'man@t.test', roles: ['manager'], workshop: own._id });
    const mine = await createWorker(own._id, { name: 'Ahmad Nurhadi', nik: NIK, phone: '+6281226001111' });
    const theirs = await createWorker(other._id, { name: 'Bambang Tetangga', nik: '3328070101900007' });
    return { ...ctx, own, other, mine, theirs };
  }

  it('shows a manager only their workshop\'s workers, read-only and without NIK', async () => {
    const { app, other, mine, theirs } = await setup();
    const man = await signIn(app, 'man@t.test', PASSWORD);
    const list = await man.get('/workers').expect(200);
    expect(mainText(list.text)).to.include('Ahmad Nurhadi').and.not.include('Bambang Tetangga');
    expect(list.text).not.to.include(NIK).and.not.include('href="/workers/new"').and.not.include('NIK');
    expect(mainText((await man.get(`/workers?workshop=${other.id}`).expect(200)).text)).to.include('Ahmad Nurhadi').and.not.include('Bambang');
    expect(mainText((await man.get(`/workers?q=${NIK}`).expect(200)).text)).to.include('0 hasil');
    const detail = await man.get(`/workers/${mine.id}`).expect(200);
    expect(detail.text).not.to.include(NIK).and.not.include('>NIK<').and.not.include(`/workers/${mine.id}/account`);
    await man.get(`/workers/${theirs.id}`).expect(404);
    await man.get(`/workers/${mine.id}/edit`).expect(403);
    const post = await submitForm(man, `/workers/${mine.id}`, `/workers/${mine.id}`, { name: 'Diubah', phone: '081226001111', workshop: String(mine.workshop) });
    expect(post.status).to.equal(403);
    expect((await Worker.findById(mine.id).lean())!.name).to.equal('Ahmad Nurhadi');
  });

  it('keeps workers out of the list and every worker page, their own included', async () => {
    const { app, own, mine, theirs } = await setup();
    const login = await createUser({ email: 'pekerja@t.test', roles: ['worker'], workshop: own._id });
    await Worker.updateOne({ _id: mine._id }, { $set: { user: login._id } });
    const worker = await signIn(app, 'pekerja@t.test', PASSWORD);
    for (const path of ['/workers', `/workers/${mine.id}`, `/workers/${theirs.id}`, `/workers/${mine.id}/edit`, '/workers/import']) {
      const res = await worker.get(path);
      expect(res.status, path).to.equal(403);
      expect(res.text).not.to.include(NIK);
    }
    expect((await worker.get('/home/worker').expect(200)).text).not.to.include(NIK);
  });
});

describe('workers: login account on demand', () => {
  it('creates a phone login for a worker without email, who then logs in by phone', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const worker = await createWorker(w._id, { name: 'Tarmuji', phone: '+6281226002222' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/account`, { password: 'kata-sandi-awal', language: 'id' });
    expect(res.status).to.equal(303);
    const saved = await Worker.findById(worker.id).lean();
    expect(saved!.user).to.not.equal(undefined);
    const page = mainText((await koor.get(`/workers/${worker.id}`).expect(200)).text);
    expect(page).to.include('Sudah punya akun login: 0812-2600-2222');
    const agent = await signIn(app, '0812 2600 2222', 'kata-sandi-awal');
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).to.equal('/home/worker');
    const again = await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/account`, { password: 'kata-sandi-lain', language: 'id' });
    expect(again.status).to.equal(422);
    expect(mainText(again.text)).to.include('Pekerja ini sudah punya akun login.');
  });

  it('refuses a short password or a phone another account uses, creating nothing', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const w = await createWorkshop();
    const worker = await createWorker(w._id, { phone: '+6281226004444' });
    await createUser({ email: 'lain@t.test', phone: '+6281226004444', roles: ['instructor'] });
    const fresh = await createWorker(w._id);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const accounts = await User.countDocuments();
    const short = await submitForm(koor, `/workers/${fresh.id}`, `/workers/${fresh.id}/account`, { password: 'pendek', language: 'id' });
    expect(short.status).to.equal(422);
    expect(mainText(short.text)).to.include('Kata sandi minimal 10 karakter.');
    const taken = await submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/account`, { password: 'kata-sandi-awal', language: 'id' });
    expect(taken.status).to.equal(422);
    expect(mainText(taken.text)).to.include('Nomor HP pekerja ini sudah dipakai oleh akun lain.');
    expect((await Worker.find().lean()).filter((w) => w.user)).to.deep.equal([]);
    expect(await User.countDocuments()).to.equal(accounts);
  });
});
