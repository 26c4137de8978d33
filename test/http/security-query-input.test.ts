import { expect } from 'chai';
import request from 'supertest';
import { ROLES, type Role } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, type Agent } from '../support/http';
import { listRoutes } from '../support/routes';
import { ROUTE_TABLE, type Access } from './route-table';

type Persona = 'anonymous' | Role;

/** Query strings people (or scanners) send that no form produces. */
const BAD_QUERIES = [
  'q=%00',
  'position=%00',
  'q=a%00b&position=x%01y',
  'q=a&q=b',
  'position=a&position=b&q=c',
  `q=${'x'.repeat(5000)}`,
  `position=${'y'.repeat(5000)}`,
];

function mayOpen(access: Access, persona: Persona): boolean {
  if (access === 'public' || access === 'anonymous') return persona === 'anonymous';
  if (persona === 'anonymous') return false;
  return access === 'signed-in' || access.includes(persona);
}

describe('security: bad query input never gives a server error', () => {
  it('answers every page without a path parameter, for every role that may open it, with a 4xx or the page', async function () {
    this.timeout(240000);
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    const pages = listRoutes(app).filter((r) => r.startsWith('GET ') && !r.includes(':') && r !== 'GET /health');
    const failures: string[] = [];
    let checked = 0;
    for (const persona of ['anonymous', ...ROLES] as Persona[]) {
      let agent: Agent;
      if (persona === 'anonymous') agent = request.agent(app);
      else {
        await createUser({ email: `${persona}@query.test`, roles: [persona] });
        agent = await signIn(app, `${persona}@query.test`, PASSWORD);
      }
      for (const route of pages.filter((r) => mayOpen(ROUTE_TABLE[r] ?? 'public', persona))) {
        const path = route.slice(4);
        for (const query of BAD_QUERIES) {
          const res = await agent.get(`${path}?${query}`);
          checked++;
          if (res.status >= 500) failures.push(`${persona} ${path}?${query.slice(0, 40)}: ${res.status}`);
        }
      }
    }
    expect(checked).to.be.greaterThan(200);
    expect(failures).to.deep.equal([]);
  });

  it('refuses a NUL or control character in the query with a translated 400 page', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@query.test', roles: ['admin'] });
    const admin = await signIn(app, 'admin@query.test', PASSWORD);
    const res = await admin.get('/admin/users?q=%00');
    expect(res.status).to.equal(400);
    expect(mainText(res.text)).to.match(/permintaan/i);
    const en = await request(app).get('/verify?code=%1b&lng=en').expect(400);
    expect(mainText(en.text)).to.match(/request/i);
    // An encoded percent sign is text, not a control character.
    await admin.get('/admin/users?q=%2500').expect(200);
  });

  it('searches by the first of a repeated parameter and ignores an overlong one on /admin/users', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@query.test', roles: ['admin'], name: 'Admin Utama' });
    await createUser({ email: 'budi@query.test', roles: ['coordinator'], name: 'Budi Santoso' });
    const admin = await signIn(app, 'admin@query.test', PASSWORD);
    const repeated = mainText((await admin.get('/admin/users?q=Budi&q=Admin').expect(200)).text);
    expect(repeated).to.include('Budi Santoso');
    expect(repeated).not.to.include('Admin Utama');
    const long = await admin.get(`/admin/users?q=${'x'.repeat(5000)}`);
    expect(long.status).to.be.below(500);
  });
});
