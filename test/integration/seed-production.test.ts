import { expect } from 'chai';
import request from 'supertest';
import { seedDemoData, seedIfEmpty } from '../../src/demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/workshops.data';
import { User } from '../../src/modules/accounts';
import { Certificate, DEMO_VERIFY_KEYS, demoVerifyCode } from '../../src/modules/certificates';
import { Workshop } from '../../src/modules/workshops';
import { buildApp } from '../support/harness';
import { csrfFrom, formBody, signIn } from '../support/http';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'prod-secret-prod-secret-prod-secret-0042' };

describe('demo data in production', () => {
  it('is not loaded into an empty production database unless SEED_DEMO=always', async () => {
    const result = await seedIfEmpty(buildApp({ env: PRODUCTION }).deps);
    expect(result).to.deep.equal({ seeded: null, empty: true });
    expect(await User.countDocuments()).to.equal(0);
    expect(await Workshop.countDocuments()).to.equal(0);
  });

  it('with SEED_DEMO=always, gives demo accounts random passwords and certificates unpublished codes', async function () {
    this.timeout(240000);
    const prod = buildApp({ env: { ...PRODUCTION, SEED_DEMO: 'always' } });
    const { seeded } = await seedIfEmpty(prod.deps);
    expect(seeded!.map((l) => l.email).sort()).to.deep.equal(DEMO_ACCOUNTS.map((a) => a.email).sort());
    expect(new Set(seeded!.map((l) => l.password)).size).to.equal(DEMO_ACCOUNTS.length);
    for (const l of seeded!) expect(l.password.length).to.be.at.least(20);

    // The same database served over plain http (secure cookies need https, which supertest lacks).
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    const refused = await agent.post('/login').type('form').send(formBody({ identifier: 'admin@takaru.test', password: DEMO_PASSWORD, _csrf: token }));
    expect(refused.status, 'the published demo password').to.be.oneOf([401, 422]);
    const admin = seeded!.find((l) => l.email === 'admin@takaru.test')!;
    await (await signIn(app, admin.email, admin.password)).get('/admin/users').expect(200);

    // The README's demo verification links do not answer; the certificates exist under other codes.
    for (const key of DEMO_VERIFY_KEYS.slice(0, 3)) {
      await request(app).get(`/verify/${demoVerifyCode(key)}`).expect(404);
    }
    expect(await Certificate.countDocuments({ verifyCode: demoVerifyCode(DEMO_VERIFY_KEYS[0]!) })).to.equal(0);
    expect(await Certificate.countDocuments({ verifyCode: demoVerifyCode(DEMO_VERIFY_KEYS[0]!, PRODUCTION.SESSION_SECRET) })).to.equal(1);

    // Seeding again finds what it made: no new passwords, no duplicate certificates.
    const total = await Certificate.countDocuments();
    expect((await seedIfEmpty(prod.deps)).seeded).to.equal(null);
    const again = await seedDemoData(prod.deps);
    expect(again).to.deep.equal({ created: 0, logins: [] });
    expect(await Certificate.countDocuments()).to.equal(total);
  });
});
