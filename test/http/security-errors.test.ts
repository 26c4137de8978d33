import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, signIn } from '../support/http';
import { listRoutes } from '../support/routes';

/** What must never reach a visitor: stack frames, source paths, driver and database error text, secrets. */
const LEAKS = [
  /\bat [\w.<>]+ \(/, /\.(ts|js):\d+:\d+/, /node_modules/, /Mongo\w*Error/, /CastError/, /E11000/, /ValidationError:/,
  /mongodb:\/\//, /test-secret-test-secret/, /SESSION_SECRET/, /BSONError/, /ZodError/, /SyntaxError/, /TypeError/,
];

function assertNoLeak(text: string, where: string): void {
  for (const re of LEAKS) expect(re.test(text), `${where} leaks ${re}: ${text.slice(0, 300)}`).to.equal(false);
}

const MALFORMED = ['not-an-id', '1', 'zzzzzzzzzzzzzzzzzzzzzzzz', '%E2%82%AC', "'%20OR%201=1", '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300)];

describe('security: no stack trace, secret or database error text in any response', () => {
  it('answers malformed ids and tokens on every GET route with a 4xx page that says nothing of the error', async function () {
    this.timeout(180_000);
    const { app } = buildApp();
    await createUser({ email: 'admin@err.test', roles: ['admin'] });
    await createUser({ email: 'worker@err.test', roles: ['worker'] });
    const agents = [await signIn(app, 'admin@err.test', PASSWORD), await signIn(app, 'worker@err.test', PASSWORD), request.agent(app)];
    const routes = listRoutes(app).filter((r) => r.startsWith('GET ') && r.includes(':'));
    expect(routes.length).to.be.greaterThan(20);
    const failures: string[] = [];
    for (const route of routes) {
      for (const bad of MALFORMED) {
        const url = route.slice(4).replace(/:\w+/g, bad);
        for (const agent of agents) {
          const res = await agent.get(url);
          if (res.status >= 500) failures.push(`${url}: ${res.status}`);
          try {
            assertNoLeak(res.text ?? '', url);
          } catch (err) {
            failures.push((err as Error).message.slice(0, 200));
          }
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('refuses a huge body, too many fields, a strange charset and bad JSON without a server error or details', async () => {
    const { app } = buildApp();
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    const cases: [string, () => request.Test, number[]][] = [
      ['a 2 MB form', () => agent.post('/login').type('form').send(`_csrf=${token}&identifier=${'a'.repeat(2 * 1024 * 1024)}&password=x`), [413]],
      ['500 fields', () => agent.post('/login').type('form').send(`_csrf=${token}&` + Array.from({ length: 500 }, (_, i) => `f${i}=x`).join('&')), [413]],
      ['an unknown charset', () => agent.post('/login').set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-zz').send(`_csrf=${token}&identifier=a&password=b`), [415]],
      ['broken JSON', () => agent.post('/login').set('Content-Type', 'application/json').send('{"identifier": "a", "password": '), [403]],
      ['broken percent-encoding', () => agent.post('/login').type('form').send(`_csrf=${token}&identifier=%E0%A4%A&password=%`), [401, 422]],
      ['a broken URL', () => agent.get('/workers/%E0%A4%A'), [400, 404]],
      ['a forged session cookie', () => request(app).get('/home/admin').set('Cookie', 'takaru.sid=s%3Aforged.signature'), [303]],
    ];
    for (const [what, send, statuses] of cases) {
      const res = await send();
      expect(res.status, what).to.be.oneOf(statuses);
      assertNoLeak(res.text ?? '', what);
      for (const as of ['text/html', 'application/json']) {
        const again = await send().set('Accept', as);
        expect(again.status, `${what} (${as})`).to.be.oneOf(statuses);
        assertNoLeak(again.text ?? '', `${what} (${as})`);
      }
    }
  });

  it('answers API-style callers with a code and a reference only', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/no/such/page').set('Accept', 'application/json').expect(404);
    expect(Object.keys(res.body).sort()).to.deep.equal(['error', 'requestId']);
    expect(res.body.error).to.equal('not_found');
  });
});
