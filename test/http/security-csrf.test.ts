import { expect } from 'chai';
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import type { Role } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, signIn, type Agent } from '../support/http';
import { listRoutes } from '../support/routes';
import { ROUTE_TABLE } from './route-table';

function concrete(path: string): string {
  return path.replace(/:id|:meetingId/g, () => String(new Types.ObjectId())).replace(':token', 'x'.repeat(43)).replace(':code', 'y'.repeat(32));
}

/**
 * How many documents each collection holds, except the bookkeeping a request may touch (sessions,
 * rate limits) and the cache stamps, which land just after an earlier write (the set-up's) answered.
 */
async function counts(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const out: Record<string, number> = {};
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (/sessions|rate|limit|cachestamps/i.test(c.name)) continue;
    out[c.name] = await db.collection(c.name).countDocuments();
  }
  return out;
}

/** Routes that take multipart uploads check the token themselves after parsing (see app.ts). */
const MULTIPART = new Set(['POST /workers/import', 'POST /certificates/history']);

describe('security: CSRF on every POST route', () => {
  it('refuses every POST without a token and with a wrong one (403), writing nothing', async function () {
    this.timeout(180_000);
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    const posts = listRoutes(app).filter((r) => r.startsWith('POST ') && r !== 'POST /logout');
    expect(posts.length, 'POST routes found in the router').to.be.greaterThan(40);
    const agents = new Map<string, Agent>();
    const agentFor = async (route: string): Promise<Agent> => {
      const access = ROUTE_TABLE[route];
      // A visitor with a session (the login form was shown), or an account allowed on the route:
      // the token is the only thing missing.
      let persona: 'visitor' | Role = 'admin';
      if (access === 'anonymous' || access === 'public') persona = 'visitor';
      else if (Array.isArray(access) && !access.includes('admin')) persona = access[0]!;
      if (!agents.has(persona)) {
        if (persona === 'visitor') {
          const a = request.agent(app);
          await a.get('/login').expect(200);
          agents.set(persona, a);
        } else {
          await createUser({ email: `${persona}@csrf.test`, roles: [persona] });
          agents.set(persona, await signIn(app, `${persona}@csrf.test`, PASSWORD));
        }
      }
      return agents.get(persona)!;
    };

    const failures: string[] = [];
    for (const route of posts) {
      const agent = await agentFor(route);
      const url = concrete(route.slice(5));
      const before = await counts();
      const none = await agent.post(url).type('form').send('name=x&identifier=a%40b.test&password=whatever');
      const wrong = await agent.post(url).type('form').send(`_csrf=${'A'.repeat(43)}&name=x`);
      const attempts = [['no token', none.status], ['wrong token', wrong.status]] as [string, number][];
      if (MULTIPART.has(route)) {
        const mNone = await agent.post(url).attach('file', Buffer.from('Nama,No. HP\nA,0812\n'), 'a.csv');
        const mWrong = await agent.post(url).field('_csrf', 'B'.repeat(43)).attach('file', Buffer.from('Nama\nA\n'), 'a.csv');
        attempts.push(['multipart, no token', mNone.status], ['multipart, wrong token', mWrong.status]);
      }
      for (const [what, status] of attempts) if (status !== 403) failures.push(`${route} (${what}): ${status}`);
      const afterCounts = await counts();
      for (const [name, n] of Object.entries(afterCounts)) if ((before[name] ?? 0) !== n) failures.push(`${route}: ${name} changed ${before[name] ?? 0} → ${n}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('refuses POST /logout without a token: the session stays signed in', async () => {
    const { app } = buildApp();
    await createUser({ email: 'w@csrf.test', roles: ['worker'] });
    const agent = await signIn(app, 'w@csrf.test', PASSWORD);
    await agent.post('/logout').type('form').send('').expect(403);
    await agent.post('/logout').type('form').send(`_csrf=${'C'.repeat(43)}`).expect(403);
    await agent.get('/home/worker').expect(200);
    // With the page's own token it works.
    const token = csrfFrom((await agent.get('/home/worker')).text);
    await agent.post('/logout').type('form').send(`_csrf=${token}`).expect(303);
    const res = await agent.get('/home/worker');
    expect(res.status).to.equal(303);
  });
});
