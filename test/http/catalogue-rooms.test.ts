import { expect } from 'chai';
import { Room, listRoomOptions } from '../../src/modules/catalogue';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { createRoom } from '../support/catalogue-factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

describe('catalogue: rooms and machines', () => {
  it('creates a room and lists it with its kind and capacity', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/rooms/new', '/rooms', { name: 'Bengkel Las 1', kind: 'workshop_bay', capacity: '8', location: 'Gedung Pelatihan, lantai 1' });
    expect(res.status).to.equal(303);
    const saved = await Room.findOne({ name: 'Bengkel Las 1' }).lean();
    expect(saved).to.deep.include({ kind: 'workshop_bay', capacity: 8, location: 'Gedung Pelatihan, lantai 1', active: true });
    expect(res.headers.location).to.equal(`/rooms/${saved!._id}`);
    const list = mainText((await agent.get('/rooms').expect(200)).text);
    expect(list).to.include('Bengkel Las 1 Area bengkel 8 orang Gedung Pelatihan, lantai 1 Aktif');
    expect(await listRoomOptions()).to.deep.equal([{ id: String(saved!._id), name: 'Bengkel Las 1', kind: 'workshop_bay', capacity: 8, location: 'Gedung Pelatihan, lantai 1' }]);
  });

  it('refuses bad input with 422 and Indonesian messages, writing nothing', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/rooms/new', '/rooms', { name: ' ', kind: 'garage', capacity: '0' });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Wajib diisi.').and.include('Pilih jenis ruang.').and.include('Isi kapasitas, bilangan bulat 1–500.');
    const fraction = await submitForm(agent, '/rooms/new', '/rooms', { name: 'Mesin Bubut 1', kind: 'machine', capacity: '2,5' });
    expect(fraction.status).to.equal(422);
    expect(mainText(fraction.text)).to.include('Isi kapasitas, bilangan bulat 1–500.');
    expect(fraction.text).to.include('value="2,5"');
    expect(await Room.countDocuments()).to.equal(0);
  });

  it('keeps room names unique, ignoring case, on create and on edit', async () => {
    const { agent } = await coordinator();
    await createRoom({ name: 'Mesin Bubut 2' });
    const other = await createRoom({ name: 'Mesin Bubut 3' });
    const dup = await submitForm(agent, '/rooms/new', '/rooms', { name: 'mesin bubut 2', kind: 'machine', capacity: '4' });
    expect(dup.status).to.equal(422);
    expect(mainText(dup.text)).to.include('Nama ini sudah dipakai ruang/mesin lain.');
    const edit = await submitForm(agent, `/rooms/${other.id}`, `/rooms/${other.id}`, { name: 'Mesin Bubut 2', kind: 'machine', capacity: '4' });
    expect(edit.status).to.equal(422);
    expect(await Room.countDocuments()).to.equal(2);
    expect((await Room.findById(other.id).lean())!.name).to.equal('Mesin Bubut 3');
  });

  it('edits a room, keeping its own name allowed', async () => {
    const { agent } = await coordinator();
    const room = await createRoom({ name: 'Ruang Teori 1', capacity: 20 });
    const res = await submitForm(agent, `/rooms/${room.id}`, `/rooms/${room.id}`, { name: 'Ruang Teori 1', kind: 'classroom', capacity: '24', location: 'Lantai 2' });
    expect(res.status).to.equal(303);
    expect(await Room.findById(room.id).lean()).to.deep.include({ capacity: 24, location: 'Lantai 2' });
  });

  it('deactivates a machine under repair: no longer offered, reactivated later', async () => {
    const { agent } = await coordinator();
    const room = await createRoom({ name: 'Mesin Frais 1', kind: 'machine', capacity: 4 });
    const token = await formToken(agent, `/rooms/${room.id}`);
    await agent.post(`/rooms/${room.id}/active`).type('form').send(formBody({ _csrf: token, active: 'false' })).expect(303);
    expect(await listRoomOptions()).to.deep.equal([]);
    expect(mainText((await agent.get(`/rooms/${room.id}`).expect(200)).text)).to.include('Nonaktif').and.include('Aktifkan kembali');
    const again = await formToken(agent, `/rooms/${room.id}`);
    await agent.post(`/rooms/${room.id}/active`).type('form').send(formBody({ _csrf: again, active: 'true' })).expect(303);
    expect((await listRoomOptions()).map((r) => r.name)).to.deep.equal(['Mesin Frais 1']);
  });

  it('is closed to managers', async () => {
    const { app } = buildApp();
    const room = await createRoom({ name: 'Bengkel Plat' });
    await createUser({ email: 'manajer@t.test', roles: ['manager'] });
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    await manager.get('/rooms').expect(403);
    const token = await formToken(manager, '/account/password');
    await manager.post(`/rooms/${room.id}`).type('form').send(formBody({ _csrf: token, name: 'Diubah', kind: 'classroom', capacity: '3' })).expect(403);
    await manager.post('/rooms').type('form').send(formBody({ _csrf: token, name: 'Baru', kind: 'classroom', capacity: '3' })).expect(403);
    expect((await Room.find().lean()).map((r) => r.name)).to.deep.equal(['Bengkel Plat']);
  });
});
