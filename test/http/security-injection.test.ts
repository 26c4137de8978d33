import { expect } from 'chai';
import request from 'supertest';
import { Worker } from '../../src/modules/workers';
import { User } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn } from '../support/http';

/**
 * Operator injection: MongoDB operators smuggled in as form fields, JSON bodies, query strings
 * (`a[$ne]=`, `a={"$ne":…}`) and ids have no effect — no sign-in, no wider search, no other
 * workshop's records, no server error.
 */
describe('security: operator injection has no effect', () => {
  it('does not sign anyone in with operators in the login fields, as form or as JSON', async () => {
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    await createUser({ email: 'korban@inj.test', roles: ['admin'] });
    const bodies = [
      'identifier[$ne]=x&password[$ne]=x',
      'identifier=korban%40inj.test&password[$ne]=x',
      'identifier=korban%40inj.test&password[$gt]=',
      `identifier=${encodeURIComponent('{"$ne":null}')}&password=${encodeURIComponent('{"$ne":null}')}`,
      `identifier=korban%40inj.test&password=${encodeURIComponent('{"$gt":""}')}`,
      `identifier=${encodeURIComponent("korban@inj.test' || '1'=='1")}&password=x&$where=${encodeURIComponent('sleep(5000) || true')}`,
    ];
    for (const body of bodies) {
      const agent = request.agent(app);
      const token = csrfFrom((await agent.get('/login')).text);
      const started = Date.now();
      const res = await agent.post('/login').type('form').send(`${body}&_csrf=${encodeURIComponent(token)}`);
      expect(res.status, body).to.be.oneOf([401, 422]);
      expect(Date.now() - started, `${body}: no $where ran`).to.be.below(4000);
      expect((await agent.get('/home/admin')).status, body).to.equal(303);
    }
    // A JSON body is not read at all (no JSON parser): the token in it is missing, so 403.
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    const json = await agent.post('/login').set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: token, identifier: { $ne: null }, password: { $ne: null } }));
    expect(json.status).to.equal(403);
    expect((await agent.get('/home/admin')).status).to.equal(303);
  });

  it('keeps a manager to their workshop whatever operators the filters carry', async () => {
    const { app } = buildApp();
    const own = await createWorkshop({ name: 'Bengkel Sendiri' });
    const other = await createWorkshop({ name: 'Bengkel Lain' });
    await Worker.create({ name: 'Pekerja Sendiri', phone: '+6281227100001', workshop: own._id, trades: ['welding'] });
    await Worker.create({ name: 'Pekerja Rahasia', phone: '+6281227100002', workshop: other._id, trades: ['welding'] });
    await createUser({ email: 'manajer@inj.test', roles: ['manager'], workshop: own._id });
    const manager = await signIn(app, 'manajer@inj.test', PASSWORD);
    const queries = [
      `workshop[$ne]=${own.id}`,
      `workshop=${encodeURIComponent(JSON.stringify({ $ne: own.id }))}`,
      `workshop=${other.id}`,
      'q[$regex]=.*',
      `q=${encodeURIComponent('.*')}`,
      `q=${encodeURIComponent('{"$ne":""}')}`,
      'status[$ne]=x',
      `$where=${encodeURIComponent('true')}`,
    ];
    for (const q of queries) {
      const res = await manager.get(`/workers?${q}`);
      expect(res.status, q).to.be.oneOf([200, 404]);
      expect(res.text, q).not.to.include('Pekerja Rahasia');
    }
    const matrix = await manager.get(`/competencies/matrix?workshop[$ne]=${own.id}`);
    expect(matrix.status).to.be.oneOf([200, 404]);
    expect(matrix.text).not.to.include('Pekerja Rahasia');
  });

  it('treats a regular expression or operator in a search box as plain text', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@inj.test', roles: ['admin'], name: 'Admin Utama' });
    await createUser({ email: 'andi@inj.test', name: 'Andi Wibowo' });
    const admin = await signIn(app, 'admin@inj.test', PASSWORD);
    for (const q of ['.*', '^A', '{"$ne":null}', '[$ne]']) {
      const res = await admin.get(`/admin/users?q=${encodeURIComponent(q)}`);
      expect(res.status, q).to.equal(200);
      expect(mainText(res.text), q).not.to.include('Andi Wibowo');
    }
    const res = await admin.get('/admin/users?q[$ne]=zzz');
    expect(res.status).to.equal(200);
  });

  it('answers operator-shaped ids with 404, never a lookup of something else', async () => {
    const { app } = buildApp();
    const workshop = await createWorkshop();
    await Worker.create({ name: 'Pekerja Satu', phone: '+6281227100003', workshop: workshop._id, trades: ['welding'] });
    await createUser({ email: 'koor@inj.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@inj.test', PASSWORD);
    for (const id of [encodeURIComponent('{"$ne":null}'), '%5B%24ne%5D', encodeURIComponent('{"$gt":""}'), 'null', '000000000000000000000000', '$where']) {
      for (const base of ['/workers/', '/workshops/', '/sessions/', '/certificates/', '/courses/']) {
        const res = await koor.get(base + id);
        expect(res.status, base + id).to.equal(404);
        expect(res.text, base + id).not.to.include('Pekerja Satu');
      }
    }
  });

  it('stores operator-looking text in a form as the text itself', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@inj.test', roles: ['admin'] });
    const admin = await signIn(app, 'admin@inj.test', PASSWORD);
    const token = csrfFrom((await admin.get('/admin/users/new')).text);
    const res = await admin.post('/admin/users').type('form').send(formBody({
      _csrf: token, name: '{"$ne":null}', email: 'ops@inj.test', phone: '', roles: ['coordinator'], workshop: '', language: 'id', password: 'kata-sandi-awal', 'roles[$ne]': 'x', $where: 'true',
    }));
    expect(res.status).to.equal(303);
    const saved = await User.findOne({ email: 'ops@inj.test' }).lean();
    expect(saved?.name).to.equal('{"$ne":null}');
    expect(saved?.roles).to.deep.equal(['coordinator']);
    expect(Object.keys(saved ?? {})).not.to.include('$where');
  });
});
