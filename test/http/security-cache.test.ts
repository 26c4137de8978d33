import { expect } from 'chai';
import request from 'supertest';
import { User, type Role } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { createWorkerRecord } from '../support/calendar-factories';
import { signIn } from '../support/http';

/** Signed-in pages show NIK, accounts and the secret feed URL: no browser or proxy may keep them. */
describe('security: caching of pages', () => {
  it('sends Cache-Control: no-store on signed-in pages of every role', async () => {
    const { app } = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    const pages: Record<Role, string[]> = {
      admin: ['/admin/users', '/admin/users/new', '/workers', '/home/admin', '/account/password'],
      coordinator: ['/workers', '/home/coordinator'],
      instructor: ['/my/schedule', '/home/instructor'],
      manager: ['/workers', '/home/manager'],
      worker: ['/my/schedule', '/home/worker'],
    };
    for (const [role, paths] of Object.entries(pages) as [Role, string[]][]) {
      const user = await createUser({ email: `${role}@cache.test`, roles: [role] });
      if (role === 'worker') await createWorkerRecord({ user: user._id, workshop: user.workshop! });
      const agent = await signIn(app, `${role}@cache.test`, PASSWORD);
      for (const path of paths) {
        const res = await agent.get(path).expect(200);
        expect(res.headers['cache-control'], `${role} ${path}`).to.equal('no-store');
      }
      // A redirect of a signed-in request (the home chooser) is not stored either.
      expect((await agent.get('/').expect(303)).headers['cache-control'], `${role} /`).to.equal('no-store');
    }
    // The page with the feed URL really shows it: that is what must not be kept.
    const worker = await User.findOne({ email: 'worker@cache.test' }).lean();
    expect(worker?.calendarToken, 'feed token made by /my/schedule').to.be.a('string');
  });

  it('does not store anonymous forms, which carry a session CSRF token', async () => {
    const { app } = buildApp();
    for (const path of ['/login', '/forgot-password']) {
      const res = await request(app).get(path).expect(200);
      expect(res.headers['cache-control'], path).to.equal('no-store');
    }
  });

  it('keeps the caching of static files and of the public calendar feed', async () => {
    const { app } = buildApp();
    const css = await request(app).get('/public/css/app.css').expect(200);
    expect(String(css.headers['cache-control'])).not.to.include('no-store');
    expect(String(css.headers['cache-control'])).to.match(/max-age/);
    const user = await createUser({ email: 'feed@cache.test', roles: ['worker'] });
    await createWorkerRecord({ user: user._id, workshop: user.workshop! });
    await (await signIn(app, 'feed@cache.test', PASSWORD)).get('/my/schedule').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    const feed = await request(app).get(`/ical/${token}.ics`).expect(200);
    expect(feed.headers['cache-control']).to.equal('private, max-age=300');
  });
});
