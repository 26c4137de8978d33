import { expect } from 'chai';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';

describe('two languages', () => {
  it('speaks Bahasa Indonesia by default, even to a browser set to English', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/login').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(res.text).to.match(/<html lang="id">/);
    expect(res.text).to.include('<h1>Masuk</h1>');
    expect(res.headers['content-language']).to.equal('id');
  });

  it('switches with ?lng=en and remembers the choice in a cookie', async () => {
    const { app } = buildApp();
    const agent = request.agent(app);
    const en = await agent.get('/login?lng=en').expect(200);
    expect(en.text).to.match(/<html lang="en">/);
    expect(en.text).to.include('<h1>Log in</h1>');
    const later = await agent.get('/forgot-password').expect(200);
    expect(later.text).to.match(/<html lang="en">/);
    const back = await agent.get('/login?lng=id').expect(200);
    expect(back.text).to.match(/<html lang="id">/);
  });

  it('ignores a language it does not have', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/login?lng=fr').expect(200);
    expect(res.text).to.match(/<html lang="id">/);
  });

  it('keeps the choice on the account, so it follows the person to another device', async () => {
    const { app } = buildApp();
    const user = await createUser({ email: 'bilingual@t.test', roles: ['worker'] });
    const laptop = await signIn(app, 'bilingual@t.test', PASSWORD);
    await laptop.get('/home/worker?lng=en').expect(200);
    expect((await User.findById(user.id).lean())!.language).to.equal('en');
    const phone = await signIn(app, 'bilingual@t.test', PASSWORD);
    const page = await phone.get('/home/worker').expect(200);
    expect(page.text).to.match(/<html lang="en">/);
    expect(page.text).to.include('<h1>My home</h1>');
  });

  it('shows times in WIB in the language of the page', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const target = await createUser({ email: 'seen@t.test' });
    await User.updateOne({ _id: target._id }, { $set: { lastLoginAt: new Date('2026-11-28T01:30:00Z') } });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const id = await admin.get(`/admin/users/${target.id}`).expect(200);
    expect(id.text).to.include('28 Nov 2026, 08.30 WIB');
    const en = await admin.get(`/admin/users/${target.id}?lng=en`).expect(200);
    expect(en.text).to.include('28 Nov 2026, 08:30 WIB');
  });
});
