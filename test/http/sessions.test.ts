import { expect } from 'chai';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { formToken, mainText, signIn, submitForm } from '../support/http';

describe('account deactivation and password change', () => {
  it('ends the sessions of a deactivated account at once and refuses its login', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const worker = await createUser({ email: 'leaving@t.test', roles: ['worker'] });
    const workerAgent = await signIn(app, 'leaving@t.test', PASSWORD);
    await workerAgent.get('/home/worker').expect(200);

    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, `/admin/users/${worker.id}`, `/admin/users/${worker.id}/active`, { active: 'false' });
    expect(res.status).to.equal(303);
    expect((await User.findById(worker.id).lean())!.active).to.equal(false);

    const after = await workerAgent.get('/home/worker');
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.match(/^\/login/);
    const again = await submitForm(request.agent(app), '/login', '/login', { identifier: 'leaving@t.test', password: PASSWORD });
    expect(again.status).to.equal(401);
  });

  it('changes the own password after checking the current one, ending other sessions only', async () => {
    const { app } = buildApp();
    await createUser({ email: 'me@t.test', roles: ['instructor'] });
    const laptop = await signIn(app, 'me@t.test', PASSWORD);
    const phone = await signIn(app, 'me@t.test', PASSWORD);

    const wrong = await submitForm(phone, '/account/password', '/account/password', { current: 'not-my-password', password: 'kunci-baru-12345', confirm: 'kunci-baru-12345' });
    expect(wrong.status).to.equal(422);
    expect(mainText(wrong.text)).to.include('Kata sandi saat ini salah.');

    const ok = await submitForm(phone, '/account/password', '/account/password', { current: PASSWORD, password: 'kunci-baru-12345', confirm: 'kunci-baru-12345' });
    expect(ok.status).to.equal(303);
    await phone.get('/home/instructor').expect(200);
    expect((await laptop.get('/home/instructor')).status).to.equal(303);
    await signIn(app, 'me@t.test', 'kunci-baru-12345');
  });

  it('keeps the admin from deactivating their own account', async () => {
    const { app } = buildApp();
    const admin = await createUser({ email: 'solo@t.test', roles: ['admin'] });
    const agent = await signIn(app, 'solo@t.test', PASSWORD);
    const token = await formToken(agent, `/admin/users/${admin.id}`);
    await agent.post(`/admin/users/${admin.id}/active`).type('form').send(`active=false&_csrf=${token}`).expect(303);
    expect((await User.findById(admin.id).lean())!.active).to.equal(true);
  });
});
