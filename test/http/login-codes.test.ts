import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { LoginCode, User } from '../../src/modules/accounts';
import { AuditEntry } from '../../src/modules/audit';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { csrfFrom, formBody, mainText, signIn, submitForm, type Agent } from '../support/http';

const NEW_PASSWORD = 'sepeda-motor-biru-2026';
const PHONE = '+6281226003333';
const LIMIT = { limit: 1000, windowMs: 60_000 };

function codeIn(html: string): string {
  const m = /data-login-code>([A-Z0-9-]+)</.exec(html);
  if (!m) throw new Error('no login code in page');
  return m[1]!;
}

/** A worker record with a worker-only phone login, a coordinator, and the coordinator signed in. */
async function setup(app: Express, language: 'id' | 'en' = 'id') {
  const w = await createWorkshop();
  const account = await createUser({ email: null, phone: PHONE, roles: ['worker'], workshop: w._id, language, name: 'Warsito' });
  const worker = await createWorker(w._id, { name: 'Warsito', phone: PHONE, user: account._id });
  const coordinator = await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const koor = await signIn(app, 'koor@t.test', PASSWORD);
  return { account, worker, coordinator, koor };
}

async function issue(agent: Agent, workerId: string) {
  return submitForm(agent, `/workers/${workerId}`, `/workers/${workerId}/login-code`, {});
}

async function loginWith(app: Express, password: string) {
  return submitForm(request.agent(app), '/login', '/login', { identifier: '0812-2600-3333', password });
}

describe('one-time login codes for people without email', () => {
  it('lets a coordinator give a worker a code that logs in once and forces a new password', async () => {
    const { app } = buildApp({ loginLimit: LIMIT });
    const { account, worker, coordinator, koor } = await setup(app);
    const earlier = await signIn(app, '0812-2600-3333', PASSWORD);

    const res = await issue(koor, worker.id);
    expect(res.status).to.equal(200);
    const code = codeIn(res.text);
    const page = mainText(res.text);
    expect(page).to.include('0812-2600-3333');
    expect(page).to.include(`Kode masuk Takaru Skills Anda: ${code}.`);
    expect(res.headers['cache-control']).to.include('no-store');
    const stored = await LoginCode.findById(account._id).lean();
    expect(JSON.stringify(stored)).not.to.include(code.replace('-', ''));
    const issued = await AuditEntry.findOne({ subject: account._id, action: 'account.login_code_issue' }).lean();
    expect(String(issued!.actor)).to.equal(String(coordinator._id));

    const agent = request.agent(app);
    const login = await submitForm(agent, '/login', '/login', { identifier: '0812 2600 3333', password: code.toLowerCase() });
    expect(login.status).to.equal(303);
    // Every page but the new-password form sends the person there; other sessions have ended.
    for (const path of ['/', '/home/worker', '/my/certificates']) {
      const r = await agent.get(path).expect(303);
      expect(r.headers.location, path).to.equal('/account/password');
    }
    expect((await earlier.get('/home/worker')).headers.location).to.match(/^\/login/);
    const form = await agent.get('/account/password').expect(200);
    expect(form.text).not.to.include('name="current"');
    const set = await submitForm(agent, '/account/password', '/account/password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(set.status).to.equal(303);
    await agent.get('/home/worker').expect(200);
    expect((await User.findById(account._id).lean())!.mustChangePassword).to.equal(undefined);
    expect(await AuditEntry.countDocuments({ subject: account._id, action: 'account.login_code_use' })).to.equal(1);

    expect((await loginWith(app, code)).status).to.equal(401);
    await signIn(app, '0812-2600-3333', NEW_PASSWORD);
  });

  it('lets only one of two parallel logins with the same code through', async () => {
    const { app } = buildApp({ loginLimit: LIMIT });
    const { worker, koor } = await setup(app);
    const code = codeIn((await issue(koor, worker.id)).text);
    const agents = [request.agent(app), request.agent(app)];
    const tokens = await Promise.all(agents.map(async (a) => csrfFrom((await a.get('/login').expect(200)).text)));
    const results = await Promise.all(
      agents.map((a, i) => a.post('/login').type('form').send(formBody({ identifier: '0812-2600-3333', password: code, _csrf: tokens[i]! }))),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([303, 401]);
  });

  it('refuses a code after 30 minutes', async () => {
    const clock = new ManualClock('2026-11-28T03:00:00Z');
    const { app } = buildApp({ clock, loginLimit: LIMIT });
    const { worker, koor } = await setup(app);
    const code = codeIn((await issue(koor, worker.id)).text);
    clock.advance(30 * 60 * 1000 + 1000);
    expect((await loginWith(app, code)).status).to.equal(401);
    await signIn(app, '0812-2600-3333', PASSWORD);
  });

  it('writes the ready text in the person\'s language and lets an admin issue for any account', async () => {
    const { app } = buildApp({ loginLimit: LIMIT });
    const { worker, koor } = await setup(app, 'en');
    expect(mainText((await issue(koor, worker.id)).text)).to.include('Your Takaru Skills login code:');
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const instructor = await createUser({ email: 'guru@t.test', roles: ['instructor'] });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const res = await submitForm(admin, `/admin/users/${instructor.id}`, `/admin/users/${instructor.id}/login-code`, {});
    expect(res.status).to.equal(200);
    const code = codeIn(res.text);
    const login = await submitForm(request.agent(app), '/login', '/login', { identifier: 'guru@t.test', password: code });
    expect(login.status).to.equal(303);
    expect(await AuditEntry.countDocuments({ subject: instructor._id, action: 'account.login_code_issue' })).to.equal(1);
  });

  it('refuses a coordinator a code for an account with more than the worker role (403)', async () => {
    const { app } = buildApp({ loginLimit: LIMIT });
    const { koor } = await setup(app);
    const w = await createWorkshop();
    for (const roles of [['admin'], ['coordinator'], ['worker', 'coordinator']] as const) {
      const account = await createUser({ roles: [...roles], workshop: w._id });
      const worker = await createWorker(w._id, { user: account._id });
      const res = await issue(koor, worker.id);
      expect(res.status, roles.join('+')).to.equal(403);
      expect(await LoginCode.countDocuments({ _id: account._id })).to.equal(0);
    }
  });

  it('refuses managers and workers (403) and issues nothing', async () => {
    const { app } = buildApp({ loginLimit: LIMIT });
    const { account, worker } = await setup(app);
    await createUser({ email: 'manajer@t.test', roles: ['manager'], workshop: worker.workshop });
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    const self = await signIn(app, '0812-2600-3333', PASSWORD);
    for (const agent of [manager, self]) {
      const token = csrfFrom((await agent.get('/account/password').expect(200)).text);
      for (const path of [`/workers/${worker.id}/login-code`, `/admin/users/${account.id}/login-code`]) {
        const res = await agent.post(path).type('form').send(formBody({ _csrf: token }));
        expect(res.status, path).to.equal(403);
      }
    }
    expect(await LoginCode.countDocuments()).to.equal(0);
    expect(mainText((await manager.get(`/workers/${worker.id}`).expect(200)).text)).not.to.include('Buat kode masuk');
  });
});
