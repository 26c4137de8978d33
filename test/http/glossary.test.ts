import { expect } from 'chai';
import { Worker } from '../../src/modules/workers';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { at, createInstructor, createSession } from '../support/attendance-factories';
import { csvFile, importIdFrom, uploadImport } from '../support/people-factories';

describe('one vocabulary across pages (HTTP)', () => {
  it('imports workers whose trades are written as the catalogue names them, and the old spellings too', async () => {
    const { app } = buildApp();
    await createUser({ email: 'koor@g.test', roles: ['coordinator'] });
    await createWorkshop({ name: 'Logam Jaya Takaru', legalForm: 'CV' });
    const agent = await signIn(app, 'koor@g.test', PASSWORD);
    // Headers as the current template writes them ("Bidang"), trades as the course catalogue labels them.
    const res = await uploadImport(agent, csvFile([
      ['Nama', 'No. HP', 'Bengkel', 'Bidang'],
      ['Dedi Kurniawan', '081226003001', 'Logam Jaya Takaru', 'Pemesinan, Kontrol mutu'],
      ['Rina Wati', '081226003002', 'Logam Jaya Takaru', 'Permesinan; Kendali mutu'],
      ['Tono Hartono', '081226003003', 'Logam Jaya Takaru', 'Machining, Quality control, Safety (K3)'],
    ]), 'pekerja.csv');
    expect(res.status, mainText(res.text)).to.equal(303);
    const id = importIdFrom(res.headers.location);
    const preview = mainText((await agent.get(`/workers/import/${id}?show=problems`).expect(200)).text);
    expect(preview).not.to.include('tidak dikenali');
    const done = await submitForm(agent, `/workers/import/${id}`, `/workers/import/${id}/confirm`, { mode: 'all' });
    expect(done.status).to.equal(303);
    const trades = async (phone: string) => (await Worker.findOne({ phone }).lean())!.trades;
    expect(await trades('+6281226003001')).to.deep.equal(['machining', 'qc']);
    expect(await trades('+6281226003002')).to.deep.equal(['machining', 'qc']);
    expect(await trades('+6281226003003')).to.deep.equal(['machining', 'qc', 'safety']);
    // The workers' pages name the trades as the catalogue does.
    expect(mainText((await agent.get('/workers').expect(200)).text)).to.include('Pemesinan, Kontrol mutu');
  });

  it('shows a meeting between its start and end as in progress, on the session and the attendance pages', async () => {
    const start = at('2026-03-02', '08:00'); // 08:00–12:00 WIB
    const clock = new ManualClock(new Date(start.getTime() + 90 * 60 * 1000));
    const { app } = buildApp({ clock });
    const insUser = await createUser({ email: 'ins@g.test', roles: ['instructor'] });
    const instructor = await createInstructor(insUser._id);
    const { session } = await createSession({ instructors: [instructor._id], starts: [start, at('2026-03-09', '08:00')] });
    const agent = await signIn(app, 'ins@g.test', PASSWORD);

    const show = mainText((await agent.get(`/sessions/${session.id}`).expect(200)).text);
    expect(show).to.include('Sedang berlangsung').and.include('Akan datang');
    const attendance = mainText((await agent.get(`/sessions/${session.id}/attendance`).expect(200)).text);
    expect(attendance).to.include('Sedang berlangsung').and.not.include('Sudah berlangsung');

    clock.set(new Date(start.getTime() + 5 * 60 * 60 * 1000));
    const later = mainText((await agent.get(`/sessions/${session.id}?lng=en`).expect(200)).text);
    expect(later).to.include('Held').and.include('Upcoming').and.not.include('In progress');
  });
});
