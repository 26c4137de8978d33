import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { ROLES, type Role } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, signIn, type Agent } from '../support/http';
import { listRoutes } from '../support/routes';
import { ROUTE_TABLE, type Access } from './route-table';

type Persona = 'anonymous' | Role;

function concrete(path: string): string {
  return path.replace(':id', String(new Types.ObjectId())).replace(':token', 'x'.repeat(43));
}

function expected(access: Access, persona: Persona): 'allow' | 'login' | 'forbid' {
  if (access === 'public' || access === 'anonymous') return 'allow';
  if (persona === 'anonymous') return 'login';
  if (access === 'signed-in') return 'allow';
  return access.includes(persona) ? 'allow' : 'forbid';
}

describe('route guard: every route against every role', () => {
  it('has an access rule for every registered route, and no rule without a route', () => {
    const { app } = buildApp();
    const routes = listRoutes(app);
    const missing = routes.filter((r) => !(r in ROUTE_TABLE));
    const stale = Object.keys(ROUTE_TABLE).filter((r) => !routes.includes(r));
    expect(missing, 'routes without an access rule in test/http/route-table.ts').to.deep.equal([]);
    expect(stale, 'rules for routes that no longer exist').to.deep.equal([]);
  });

  it('lets through exactly the roles in the table; others get 403, visitors the login page', async function () {
    this.timeout(120000);
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    const personas: Persona[] = ['anonymous', ...ROLES];
    const routes = listRoutes(app).sort((a, b) => Number(a === 'POST /logout') - Number(b === 'POST /logout'));
    const failures: string[] = [];
    for (const persona of personas) {
      let agent: Agent;
      if (persona === 'anonymous') agent = request.agent(app);
      else {
        await createUser({ email: `${persona}@guard.test`, roles: [persona] });
        agent = await signIn(app, `${persona}@guard.test`, PASSWORD);
      }
      for (const route of routes) {
        const [method, path] = route.split(' ') as [string, string];
        const url = concrete(path);
        let res;
        if (method === 'GET') res = await agent.get(url);
        else {
          const token = csrfFrom((await agent.get(persona === 'anonymous' ? '/login' : '/account/password')).text);
          res = await agent.post(url).type('form').send(`_csrf=${token}`);
        }
        const toLogin = [302, 303].includes(res.status) && String(res.headers.location).startsWith('/login');
        const want = expected(ROUTE_TABLE[route]!, persona);
        let ok: boolean;
        if (want === 'forbid') ok = res.status === 403;
        else if (want === 'login') ok = toLogin;
        // Allowed: not refused. Logging out ends on the login page by design; for visitors, the
        // open pages may send them on to /login (GET / does, so does a finished password reset).
        else ok = res.status !== 403 && (!toLogin || persona === 'anonymous' || route === 'POST /logout');
        if (!ok) failures.push(`${persona.padEnd(11)} ${route}: expected ${want}, got ${res.status} ${res.headers.location ?? ''}`);
        if (res.status >= 500) failures.push(`${persona} ${route}: server error ${res.status}`);
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
