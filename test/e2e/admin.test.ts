import { expect } from 'chai';
import { exactly, logIn, submit, t, useBrowser, type Journey } from '../support/browser';

/**
 * An admin creates an account for a new coordinator; the new coordinator asks for a password-reset
 * link, the admin reads that email in the outbox (development mail), and the link lets the new
 * coordinator choose a password and log in.
 */
describe('e2e: admin creates an account and reads the outbox', function () {
  this.timeout(120_000);
  const suite = useBrowser('admin');
  const tag = Date.now().toString(36).slice(-6);
  const email = `koordinator.baru.${tag}@takaru.test`;
  const name = `Sri Rahayu ${tag}`;
  let admin: Journey;
  let resetLink = '';

  before(async () => {
    admin = await suite.journey({ name: 'admin' });
    await logIn(admin, 'admin@takaru.test');
  });
  after(async () => {
    await admin?.done();
  });

  it('creates a coordinator account', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: t('common:nav.users'), exact: true }).click();
    await page.waitForURL(/\/admin\/users/);
    await admin.audit();
    await page.getByRole('link', { name: t('accounts:users.new') }).first().click();
    await page.waitForURL(/\/admin\/users\/new$/);
    await admin.audit();
    await page.getByLabel(exactly(t('accounts:fields.name'))).fill(name);
    await page.getByLabel(exactly(t('accounts:fields.email'))).fill(email);
    await page.getByRole('checkbox', { name: t('accounts:roles.coordinator') }).check();
    await page.getByLabel(exactly(t('accounts:users.initial_password'))).fill('sementara-' + tag);
    await admin.shot('new-account');
    await page.getByRole('button', { name: t('accounts:users.create') }).click();
    await page.waitForURL((u) => u.pathname !== '/admin/users/new');
    await admin.audit();
    await admin.expectFlash(t('accounts:users.created'));
    expect(await page.locator('main').innerText()).to.include(name);
    await admin.visit('/admin/users');
    expect(await page.locator('main').innerText()).to.include(email);
  });

  it('the new coordinator asks for a reset link; the admin finds the email in the outbox', async () => {
    const visitor = await suite.journey({ name: 'new-coordinator' });
    await visitor.visit('/forgot-password');
    await visitor.page.getByLabel(exactly(t('accounts:login.identifier'))).fill(email);
    await submit(visitor, visitor.page.getByRole('button', { name: t('accounts:forgot.submit') }));
    expect(new URL(visitor.page.url()).pathname).to.equal('/forgot-password');
    await visitor.expectFlash(t('accounts:forgot.sent'), 'info');
    expect(await visitor.page.getByRole('alert').count(), 'no error').to.equal(0);
    await visitor.done();

    const { page } = admin;
    // Mail leaves through the job queue: it lands in the outbox within a few seconds.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await admin.visit('/admin/outbox');
      const row = page.getByRole('row').filter({ hasText: email });
      if ((await row.count()) > 0) {
        await row.first().getByRole('link').click();
        break;
      }
      if (Date.now() > deadline) throw new Error(`no email to ${email} in the outbox`);
      await page.waitForTimeout(1000);
    }
    await page.waitForURL(/\/admin\/outbox\/.+/);
    await admin.audit();
    await admin.shot('outbox-message');
    const text = await page.locator('main').innerText();
    expect(text).to.include(email);
    resetLink = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(text)?.[0] ?? '';
    expect(resetLink, 'the email carries a reset link').to.not.equal('');
    expect(resetLink.startsWith(suite.app.baseUrl), 'links point at APP_URL').to.equal(true);
  });

  it('the reset link lets the new coordinator choose a password and log in', async () => {
    const visitor = await suite.journey({ name: 'new-coordinator-reset' });
    const { page } = visitor;
    await visitor.visit(new URL(resetLink).pathname);
    await page.getByLabel(exactly(t('accounts:password.new'))).fill('kata-sandi-baru-' + tag);
    await page.getByLabel(exactly(t('accounts:password.confirm'))).fill('kata-sandi-baru-' + tag);
    await submit(visitor, page.getByRole('button', { name: t('accounts:reset.submit') }));
    expect(new URL(page.url()).pathname).to.equal('/login');
    await visitor.expectFlash(t('accounts:reset.done'));
    await logIn(visitor, email, 'kata-sandi-baru-' + tag);
    expect(new URL(page.url()).pathname).to.equal('/home/coordinator');
    await visitor.done();
  });
});
