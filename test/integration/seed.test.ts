import { expect } from 'chai';
import { seedDemoData, seedIfEmpty } from '../../src/demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/workshops.data';
import { Credential, User } from '../../src/modules/accounts';
import { Workshop } from '../../src/modules/workshops';
import { buildApp } from '../support/harness';
import { signIn } from '../support/http';

describe('demo data', () => {
  it('loads workshops and the five demo accounts; seeding twice changes nothing', async function () {
    this.timeout(30000);
    const { deps } = buildApp();
    const first = await seedDemoData(deps);
    expect(first.created).to.be.greaterThan(10);
    const counts = async () => [await User.countDocuments(), await Workshop.countDocuments(), await Credential.countDocuments()];
    const before = await counts();
    const hashes = (await Credential.find().lean()).map((c) => c.passwordHash).sort();
    const second = await seedDemoData(deps);
    expect(second.created).to.equal(0);
    expect(await counts()).to.deep.equal(before);
    expect((await Credential.find().lean()).map((c) => c.passwordHash).sort()).to.deep.equal(hashes);
    expect(before[0]).to.be.at.least(DEMO_ACCOUNTS.length);
    expect(before[1]).to.be.within(10, 20);
  });

  it('lets every demo account log in with takaru-demo and land on its home', async function () {
    this.timeout(30000);
    const { app, deps } = buildApp();
    await seedIfEmpty(deps);
    for (const account of DEMO_ACCOUNTS) {
      const agent = await signIn(app, account.email, DEMO_PASSWORD);
      const res = await agent.get('/').expect(303);
      expect(res.headers.location).to.equal(`/home/${account.roles[0]}`);
      await agent.get(res.headers.location!).expect(200);
    }
  });

  it('leaves a database that already has accounts alone on start', async () => {
    await User.create({ name: 'Existing', email: 'existing@t.test', roles: ['admin'] });
    await seedIfEmpty(buildApp().deps);
    expect(await Workshop.countDocuments()).to.equal(0);
  });
});
