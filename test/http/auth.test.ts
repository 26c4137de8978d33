import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';
import { clearOfWindowEdge } from '../support/rate-limits';
import { LOGIN_LIMIT } from '../../src/app';

describe('login and logout', () => {
  it('signs in with an email and lands on the home page of the role', async () => {
    const { app } = buildApp();
    await createUser({ email: 'joko@takaru.test', roles: ['coordinator'] });
    const agent = await signIn(app, 'Joko@Takaru.test', PASSWORD);
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).to.equal('/home/coordinator');
    const page = await agent.get('/home/coordinator').expect(200);
    expect(page.text).to.include('<h1>Beranda koordinator</h1>');
  });

  it('signs in a worker without email by phone number, in any common spelling', async () => {
    const { app } = buildApp();
    await createUser({ email: null, phone: '+6281234567890', roles: ['worker'] });
    const agent = await signIn(app, '0812-3456-7890', PASSWORD);
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).to.equal('/home/worker');
  });

  it('gives one message, 401, for a wrong password and an unknown account', async () => {
    const { app } = buildApp();
    await createUser({ email: 'ada@takaru.test' });
    const wrong = await submitForm(request.agent(app), '/login', '/login', { identifier: 'ada@takaru.test', password: 'not-the-password' });
    const unknown = await submitForm(request.agent(app), '/login', '/login', { identifier: 'nobody@takaru.test', password: 'not-the-password' });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(mainText(wrong.text)).to.include('Email/nomor HP atau kata sandi salah.');
    // The pages differ only in the echoed login name.
    expect(mainText(wrong.text).replace('ada@takaru.test', 'X')).to.equal(mainText(unknown.text).replace('nobody@takaru.test', 'X'));
  });

  it('refuses a deactivated account with the same message', async () => {
    const { app } = buildApp();
    await createUser({ email: 'off@takaru.test', active: false });
    const res = await submitForm(request.agent(app), '/login', '/login', { identifier: 'off@takaru.test', password: PASSWORD });
    expect(res.status).to.equal(401);
    expect(mainText(res.text)).to.include('Email/nomor HP atau kata sandi salah.');
  });

  it('re-renders the form with 422 and a message per field when fields are empty', async () => {
    const { app } = buildApp();
    const res = await submitForm(request.agent(app), '/login', '/login', { identifier: '', password: '' });
    expect(res.status).to.equal(422);
    expect(res.text).to.include('id="f-identifier-error"');
    expect(res.text).to.include('id="f-password-error"');
  });

  it('gives a new session id on login (no session fixation)', async () => {
    const { app } = buildApp();
    await createUser({ email: 'fix@takaru.test' });
    const agent = request.agent(app);
    const page = await agent.get('/login').expect(200);
    const before = /takaru\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))![1];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent.post('/login').type('form').send(formBody({ identifier: 'fix@takaru.test', password: PASSWORD, _csrf: token })).expect(303);
    const after = /takaru\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
    expect(after).to.be.a('string').and.not.equal(before);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    const { app } = buildApp();
    await createUser({ email: 'next@takaru.test', roles: ['admin'] });
    const agent = request.agent(app);
    const asked = await agent.get('/admin/users').expect(303);
    expect(asked.headers.location).to.equal('/login?next=%2Fadmin%2Fusers');
    const local = await submitForm(agent, '/login?next=%2Fadmin%2Fusers', '/login', { identifier: 'next@takaru.test', password: PASSWORD, next: '/admin/users' });
    expect(local.headers.location).to.equal('/admin/users');
    const other = request.agent(app);
    const evil = await submitForm(other, '/login', '/login', { identifier: 'next@takaru.test', password: PASSWORD, next: '//evil.example/' });
    expect(evil.headers.location).to.equal('/');
  });

  it('ends the session on logout', async () => {
    const { app } = buildApp();
    await createUser({ email: 'bye@takaru.test', roles: ['coordinator'] });
    const agent = await signIn(app, 'bye@takaru.test', PASSWORD);
    const token = await formToken(agent, '/home/coordinator');
    const out = await agent.post('/logout').type('form').send(formBody({ _csrf: token })).expect(303);
    expect(out.headers.location).to.equal('/login');
    const after = await agent.get('/home/coordinator').expect(303);
    expect(after.headers.location).to.match(/^\/login/);
    expect(await mongoose.connection.collection('sessions').countDocuments({ 'session.passport.user': { $exists: true } })).to.equal(0);
  });

  it('treats an expired session as none, though the housekeeping job has not removed it yet', async () => {
    const { app } = buildApp();
    await createUser({ email: 'late@takaru.test', roles: ['coordinator'] });
    const agent = await signIn(app, 'late@takaru.test', PASSWORD);
    await agent.get('/home/coordinator').expect(200);
    const sessions = mongoose.connection.collection('sessions');
    expect((await sessions.updateMany({}, { $set: { expires: new Date(Date.now() - 1000) } })).modifiedCount).to.be.greaterThan(0);
    const after = await agent.get('/home/coordinator').expect(303);
    expect(after.headers.location).to.match(/^\/login/);
  });
});

describe('login rate limit', () => {
  // trust proxy is 'loopback', so X-Forwarded-For stands in for clients at different addresses.
  const attempt = async (app: Parameters<typeof request.agent>[0], from: string, identifier: string, password: string) => {
    const agent = request.agent(app).set('X-Forwarded-For', from);
    return submitForm(agent, '/login', '/login', { identifier, password });
  };

  it('answers 429 with a message after 10 failures for one account, even from many addresses', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const { app } = buildApp();
    await createUser({ email: 'target@takaru.test' });
    await createUser({ email: 'bystander@takaru.test' });
    for (let i = 0; i < 10; i++) {
      const res = await attempt(app, `203.0.113.${i + 1}`, 'target@takaru.test', `wrong-${i}-password`);
      expect(res.status, `attempt ${i + 1}`).to.equal(401);
    }
    const limited = await attempt(app, '198.51.100.7', 'TARGET@takaru.test', PASSWORD);
    expect(limited.status).to.equal(429);
    expect(mainText(limited.text)).to.include('Terlalu banyak percobaan masuk yang gagal');
    const bystander = await attempt(app, '198.51.100.8', 'bystander@takaru.test', PASSWORD);
    expect(bystander.status).to.equal(303);
  });

  it('answers 429 after 10 failures from one address, whatever the accounts', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const { app } = buildApp();
    await createUser({ email: 'real@takaru.test' });
    for (let i = 0; i < 10; i++) {
      const res = await attempt(app, '192.0.2.50', `guess${i}@takaru.test`, 'wrong-password-x');
      expect(res.status, `attempt ${i + 1}`).to.equal(401);
    }
    expect((await attempt(app, '192.0.2.50', 'real@takaru.test', PASSWORD)).status).to.equal(429);
    expect((await attempt(app, '192.0.2.51', 'real@takaru.test', PASSWORD)).status).to.equal(303);
  });

  it('does not count successful logins', async () => {
    const { app } = buildApp({ loginLimit: { limit: 2, windowMs: 60_000 } });
    await createUser({ email: 'ok@takaru.test' });
    for (let i = 0; i < 4; i++) expect((await attempt(app, '192.0.2.9', 'ok@takaru.test', PASSWORD)).status).to.equal(303);
  });
});

describe('CSRF protection', () => {
  it('refuses a form posted without a token, or with a wrong one, with 403', async () => {
    const { app } = buildApp();
    await createUser({ email: 'c@takaru.test' });
    const agent = request.agent(app);
    await agent.get('/login').expect(200);
    const missing = await agent.post('/login').type('form').send(formBody({ identifier: 'c@takaru.test', password: PASSWORD }));
    expect(missing.status).to.equal(403);
    expect(mainText(missing.text)).to.include('Formulir sudah kedaluwarsa');
    const wrong = await agent.post('/login').type('form').send(formBody({ identifier: 'c@takaru.test', password: PASSWORD, _csrf: 'f'.repeat(64) }));
    expect(wrong.status).to.equal(403);
  });

  it("refuses a token taken from another visitor's session", async () => {
    const { app } = buildApp();
    const a = request.agent(app);
    const b = request.agent(app);
    const tokenOfA = await formToken(a, '/forgot-password');
    await b.get('/forgot-password').expect(200);
    const res = await b.post('/forgot-password').type('form').send(formBody({ identifier: 'x@takaru.test', _csrf: tokenOfA }));
    expect(res.status).to.equal(403);
  });
});
