import { expect } from 'chai';
import express from 'express';
import path from 'node:path';
import request from 'supertest';
import { createI18n, formatters } from '../../src/platform/i18n';
import { errorHandler } from '../../src/platform/http/error-handler';
import { projectRoot } from '../../src/platform/paths';
import { User } from '../../src/modules/accounts';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { signIn, submitForm } from '../support/http';
import { assetsFor } from '../../src/platform/http/assets';

describe('security basics', () => {
  it('sends a CSP without inline scripts and hardening headers', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/login').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.include("script-src 'self'");
    expect(csp).not.to.match(/script-src[^;]*unsafe-inline/);
    expect(csp).to.include("object-src 'none'");
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/login').expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).to.match(/takaru\.sid=/);
    expect(cookie).to.match(/HttpOnly/);
    expect(cookie).to.match(/SameSite=Lax/);
  });

  it('answers unknown pages with a 404 page in the visitor language', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/no/such/page?lng=en').expect(404);
    expect(res.text).to.include('<h1>Page not found</h1>');
  });

  it('treats a malformed id in a URL as not found, not as a server error', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    await admin.get('/admin/users/not-an-id').expect(404);
  });

  it('escapes what people type wherever it is shown', async () => {
    const { app } = buildApp();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const workshop = await createWorkshop();
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await submitForm(admin, '/admin/users/new', '/admin/users', {
      name: payload, email: 'xss@t.test', phone: '', roles: ['instructor'], workshop: workshop.id, language: 'id', password: 'kata-sandi-awal',
    });
    expect(res.status).to.equal(303);
    expect(await User.countDocuments({ name: payload })).to.equal(1);
    for (const page of ['/admin/users', res.headers.location!]) {
      const html = (await admin.get(page).expect(200)).text;
      expect(html, page).not.to.include('<script>alert');
      expect(html, page).not.to.include('<img src=x');
      expect(html, page).to.include('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    }
  });

  it('shows a 500 page with a reference and nothing of the error itself', async () => {
    const i18n = createI18n();
    // What createApp puts in app.locals for every view (the layout links the built stylesheet).
    const asset = assetsFor(path.join(projectRoot(), 'public'), { watch: false }).url;
    const app = express();
    app.set('view engine', 'ejs');
    app.set('views', [path.join(projectRoot(), 'views')]);
    app.use((req, res, next) => {
      Object.assign(res.locals, { lng: 'id', t: i18n.getFixedT('id'), fmt: formatters('id'), currentUser: null, nav: [], languageLinks: [], flash: [], csrfToken: '', currentPath: '/', asset });
      (req as unknown as { id: string }).id = 'req-123';
      next();
    });
    app.get('/boom', () => {
      throw new Error('E11000 duplicate key at mongodb://secret-host:27017 password=hunter2');
    });
    app.use(errorHandler);
    const res = await request(app).get('/boom').expect(500);
    expect(res.text).to.include('req-123');
    expect(res.text).to.include('Terjadi kesalahan pada server');
    expect(res.text).not.to.match(/E11000|secret-host|hunter2|at .*\.ts:\d+/);
  });
});

describe('sessions for visitors', () => {
  it('stores no session for an anonymous page without a form, but does for the login form', async () => {
    const { app } = buildApp();
    const { default: mongoose } = await import('mongoose');
    const sessions = () => mongoose.connection.collection('sessions').countDocuments();
    await request(app).get('/no/such/page').expect(404);
    expect(await sessions()).to.equal(0);
    await request(app).get('/login').expect(200);
    expect(await sessions()).to.equal(1);
  });
});
