import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { PasswordReset } from '../../src/modules/accounts';
import { LOGIN_LIMIT } from '../../src/app';
import { VERIFY_LIMITS } from '../../src/modules/certificates/verify-limits';
import { buildApp, type TestContext } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, type Agent } from '../support/http';
import { clearOfWindowEdge, heldSlots } from '../support/rate-limits';

// trust proxy is 'loopback', so X-Forwarded-For stands in for clients at different addresses.
const address = (i: number) => `10.${Math.floor(i / 250) % 250}.${i % 250}.1`;

/** Password checks the app made (wrong, right and unknown accounts alike). */
function countPasswordChecks(ctx: TestContext): { count: number } {
  const counter = { count: 0 };
  const accounts = ctx.services.accounts.accounts;
  const authenticate = accounts.authenticate.bind(accounts);
  accounts.authenticate = (identifier, password) => {
    counter.count++;
    return authenticate(identifier, password);
  };
  return counter;
}

/** Agents that already hold the form's CSRF token, so that only the posts go out in parallel. */
async function agentsWithForm(app: Express, page: string, n: number, from: (i: number) => string) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const agent: Agent = request.agent(app).set('X-Forwarded-For', from(i));
      return { agent, token: csrfFrom((await agent.get(page).expect(200)).text) };
    }),
  );
}

async function postAll(app: Express, n: number, from: (i: number) => string, fields: (i: number) => Record<string, string>) {
  const ready = await agentsWithForm(app, '/login', n, from);
  return Promise.all(ready.map(({ agent, token }, i) => agent.post('/login').type('form').send(formBody({ ...fields(i), _csrf: token }))));
}

const statuses = (responses: { status: number }[]) => {
  const by: Record<number, number> = {};
  for (const r of responses) by[r.status] = (by[r.status] ?? 0) + 1;
  return by;
};

async function loginOnce(app: Express, from: string, identifier: string, password: string) {
  const [res] = await postAll(app, 1, () => from, () => ({ identifier, password }));
  return res!;
}

describe('rate limits under parallel requests', function () {
  this.timeout(180_000);

  it('evaluates exactly 10 of 200 parallel guesses at one account; the rest and then the right password get 429', async () => {
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const ctx = buildApp();
    const checks = countPasswordChecks(ctx);
    await createUser({ email: 'burst@takaru.test' });
    const res = await postAll(ctx.app, 200, address, (i) => ({ identifier: 'burst@takaru.test', password: `wrong-guess-${i}` }));
    expect(statuses(res)).to.deep.equal({ 401: 10, 429: 190 });
    expect(checks.count).to.equal(10);
    expect(await heldSlots('login-account:')).to.equal(10);
    const right = await loginOnce(ctx.app, '198.51.100.200', 'burst@takaru.test', PASSWORD);
    expect(right.status).to.equal(429);
    expect(checks.count).to.equal(10);
  });

  it('evaluates exactly 10 of 150 parallel failures from one address, whatever the accounts', async () => {
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const ctx = buildApp();
    const checks = countPasswordChecks(ctx);
    await createUser({ email: 'office@takaru.test' });
    const res = await postAll(ctx.app, 150, () => '192.0.2.77', (i) => ({ identifier: `guess${i}@takaru.test`, password: 'wrong-password-x' }));
    expect(statuses(res)).to.deep.equal({ 401: 10, 429: 140 });
    expect(checks.count).to.equal(10);
    expect(await heldSlots('login-ip:')).to.equal(10);
    expect((await loginOnce(ctx.app, '192.0.2.77', 'office@takaru.test', PASSWORD)).status).to.equal(429);
  });

  it("counts an account's email and phone number as one account", async () => {
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const ctx = buildApp();
    await createUser({ email: 'dua@takaru.test', phone: '+6281355550000' });
    const logins = ['dua@takaru.test', '0813-5555-0000', 'DUA@takaru.test', '+62 813 5555 0000'];
    const res = await postAll(ctx.app, 10, address, (i) => ({ identifier: logins[i % logins.length]!, password: `wrong-${i}` }));
    expect(statuses(res)).to.deep.equal({ 401: 10 });
    const [byEmail, byPhone] = await Promise.all([
      loginOnce(ctx.app, '198.51.100.1', 'dua@takaru.test', PASSWORD),
      loginOnce(ctx.app, '198.51.100.2', '081355550000', PASSWORD),
    ]);
    expect(byEmail.status).to.equal(429);
    expect(byPhone.status).to.equal(429);
  });

  it('holds the limit across two app instances (two web processes) on one database', async () => {
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const one = buildApp();
    const two = buildApp();
    const checks = [countPasswordChecks(one), countPasswordChecks(two)];
    await createUser({ email: 'twice@takaru.test' });
    const guess = (i: number) => ({ identifier: 'twice@takaru.test', password: `wrong-guess-${i}` });
    const [a, b] = await Promise.all([postAll(one.app, 100, address, guess), postAll(two.app, 100, (i) => address(i + 100), guess)]);
    expect(statuses([...a, ...b])).to.deep.equal({ 401: 10, 429: 190 });
    expect(checks[0]!.count + checks[1]!.count).to.equal(10);
    expect(await heldSlots('login-account:')).to.equal(10);
    expect((await loginOnce(two.app, '198.51.100.9', 'twice@takaru.test', PASSWORD)).status).to.equal(429);
    expect((await loginOnce(one.app, '198.51.100.10', 'twice@takaru.test', PASSWORD)).status).to.equal(429);
  });

  it('accepts exactly 20 of 60 parallel password-reset requests from one address', async () => {
    await clearOfWindowEdge(15 * 60 * 1000);
    const { app } = buildApp();
    await createUser({ email: 'lupa@takaru.test' });
    const ready = await agentsWithForm(app, '/forgot-password', 60, () => '192.0.2.60');
    const res = await Promise.all(
      ready.map(({ agent, token }) => agent.post('/forgot-password').type('form').send(formBody({ identifier: 'lupa@takaru.test', _csrf: token }))),
    );
    expect(statuses(res)).to.deep.equal({ 303: 20, 429: 40 });
    expect(await PasswordReset.countDocuments()).to.equal(20);
    expect(await heldSlots('reset-ip:')).to.equal(20);
  });

  it('answers exactly 20 of 200 parallel guessed certificate codes from one address', async () => {
    await clearOfWindowEdge(VERIFY_LIMITS.windowMs);
    const { app } = buildApp();
    const res = await Promise.all(
      Array.from({ length: 200 }, (_, i) => request(app).get(`/verify/GUESSguessGUESSguessGUESSgu${String(i).padStart(5, '0')}`).set('X-Forwarded-For', '192.0.2.99')),
    );
    expect(statuses(res)).to.deep.equal({ 404: 20, 429: 180 });
    expect(await heldSlots('verify-miss:192.0.2.99:')).to.equal(20);
    expect(await heldSlots('verify-ip:')).to.equal(200);
  });

  it('never limits an address for successful logins, however many (a shared workshop computer)', async () => {
    await clearOfWindowEdge(LOGIN_LIMIT.windowMs);
    const { app } = buildApp();
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser({ email: `meja${i}@takaru.test` })));
    for (let round = 0; round < 5; round++) {
      for (const u of users) expect((await loginOnce(app, '192.0.2.5', u.email!, PASSWORD)).status, `${u.email} round ${round}`).to.equal(303);
    }
    const miss = await loginOnce(app, '192.0.2.5', 'meja0@takaru.test', 'typo-password');
    expect(miss.status).to.equal(401);
    expect(await heldSlots('login-ip:')).to.equal(1);
  });
});
