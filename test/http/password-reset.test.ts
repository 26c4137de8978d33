import { expect } from 'chai';
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import { ManualClock } from '../../src/platform/clock';
import { PasswordReset } from '../../src/modules/accounts';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { MailSink, recipients } from '../support/mail-sink';
import { mainText, signIn, submitForm } from '../support/http';

const NEW_PASSWORD = 'sepeda-motor-merah-2026';

function linkIn(mail: ParsedMail): string {
  const m = new RegExp(`${APP_URL.replace(/\./g, '\\.')}(/reset-password/[A-Za-z0-9_-]+)`).exec(mail.text ?? '');
  if (!m) throw new Error('no reset link in mail:\n' + mail.text);
  return m[1]!;
}

describe('password reset by email', () => {
  const sink = new MailSink();
  let smtpUrl: string;
  before(async () => {
    smtpUrl = await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  async function requestLink(app: Parameters<typeof request.agent>[0], identifier: string) {
    const res = await submitForm(request.agent(app), '/forgot-password', '/forgot-password', { identifier });
    expect(res.status).to.equal(303);
  }

  it('emails a single-use link over SMTP, in the account language, that sets a new password', async () => {
    const clock = new ManualClock('2026-11-28T03:00:00Z');
    const { app } = buildApp({ smtpUrl, clock });
    await createUser({ email: 'sari@takaru.test', phone: '+6281311112222', name: 'Sari Wulandari', language: 'en' });
    await requestLink(app, '0813-1111-2222');
    const [mail] = await sink.waitFor(1);
    expect(recipients(mail!)).to.include('sari@takaru.test');
    expect(mail!.subject).to.equal('Reset your Takaru Skills password');
    expect(mail!.text).to.include('Hello Sari Wulandari');
    expect(mail!.html).to.include('<html lang="en">');
    // Expiry is shown in WIB: 03:00 UTC + 1 h = 11:00 WIB.
    expect(mail!.text).to.include('11:00 WIB');
    const link = linkIn(mail!);

    const agent = request.agent(app);
    const form = await agent.get(link).expect(200);
    expect(form.text).to.include('Buat kata sandi baru');
    const done = await submitForm(agent, link, link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/login');
    await signIn(app, 'sari@takaru.test', NEW_PASSWORD);
    const old = await submitForm(request.agent(app), '/login', '/login', { identifier: 'sari@takaru.test', password: PASSWORD });
    expect(old.status).to.equal(401);

    // Single use: the same link now fails, on the page and on a direct post.
    const again = await request.agent(app).get(link);
    expect(again.status).to.equal(422);
    expect(mainText(again.text)).to.include('sudah dipakai');
  });

  it('spends a link once when two submissions of it arrive together', async () => {
    const { app } = buildApp({ smtpUrl });
    await createUser({ email: 'dua@takaru.test' });
    await requestLink(app, 'dua@takaru.test');
    const link = linkIn((await sink.waitFor(1))[0]!);
    const agents = [request.agent(app), request.agent(app), request.agent(app), request.agent(app)];
    const tokens = await Promise.all(
      agents.map(async (a) => /name="_csrf" value="([^"]+)"/.exec((await a.get(link).expect(200)).text)![1]!),
    );
    const passwords = agents.map((_, i) => `${NEW_PASSWORD}-${i}`);
    const answers = await Promise.all(
      agents.map((a, i) =>
        a.post(link).type('form').send(new URLSearchParams({ password: passwords[i]!, confirm: passwords[i]!, _csrf: tokens[i]! }).toString()),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).to.deep.equal([303, 422, 422, 422]);
    const winner = answers.findIndex((r) => r.status === 303);
    await signIn(app, 'dua@takaru.test', passwords[winner]!);
    for (const [i, pw] of passwords.entries()) {
      if (i === winner) continue;
      const res = await submitForm(request.agent(app), '/login', '/login', { identifier: 'dua@takaru.test', password: pw });
      expect(res.status).to.equal(401);
    }
  });

  it('refuses the link after one hour', async () => {
    const clock = new ManualClock('2026-11-28T03:00:00Z');
    const { app } = buildApp({ smtpUrl, clock });
    await createUser({ email: 'late@takaru.test' });
    await requestLink(app, 'late@takaru.test');
    const link = linkIn((await sink.waitFor(1))[0]!);
    const agent = request.agent(app);
    const page = await agent.get(link).expect(200);
    clock.advance(60 * 60 * 1000 + 1000);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent.post(link).type('form').send(new URLSearchParams({ password: NEW_PASSWORD, confirm: NEW_PASSWORD, _csrf: token }).toString());
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('kedaluwarsa');
    await signIn(app, 'late@takaru.test', PASSWORD);
  });

  it('says the same thing for an unknown account and sends nothing', async () => {
    const { app } = buildApp({ smtpUrl });
    const agent = request.agent(app);
    const res = await submitForm(agent, '/forgot-password', '/forgot-password', { identifier: 'nobody@takaru.test' });
    expect(res.status).to.equal(303);
    const page = await agent.get('/forgot-password').expect(200);
    expect(mainText(page.text)).to.include('Jika akun tersebut ada');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).to.have.length(0);
    expect(await PasswordReset.countDocuments()).to.equal(0);
  });

  it('keeps the link when the new password is too short, and says why', async () => {
    const { app } = buildApp({ smtpUrl });
    await createUser({ email: 'short@takaru.test' });
    await requestLink(app, 'short@takaru.test');
    const link = linkIn((await sink.waitFor(1))[0]!);
    const agent = request.agent(app);
    const res = await submitForm(agent, link, link, { password: 'pendek', confirm: 'pendek' });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Kata sandi minimal 10 karakter.');
    const ok = await submitForm(agent, link, link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(ok.status).to.equal(303);
  });

  it('ends every session of the account when the password is reset', async () => {
    const { app } = buildApp({ smtpUrl });
    await createUser({ email: 'stolen@takaru.test', roles: ['coordinator'] });
    const thief = await signIn(app, 'stolen@takaru.test', PASSWORD);
    await thief.get('/home/coordinator').expect(200);
    await requestLink(app, 'stolen@takaru.test');
    const link = linkIn((await sink.waitFor(1))[0]!);
    await submitForm(request.agent(app), link, link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    const after = await thief.get('/home/coordinator');
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.match(/^\/login/);
  });
});
