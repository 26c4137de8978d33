import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody } from '../support/http';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Resolves with the body; not awaited by a client that acts on the headers alone. */
  body: Promise<string>;
}

/** A plain request that resolves as soon as the response headers arrive, as a browser following a 303 does. */
function send(port: number, method: string, path: string, cookie: string, form?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie };
    if (form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(form));
    }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const body = new Promise<string>((done, fail) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done(text));
        res.on('error', fail);
      });
      body.catch(() => undefined);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
    });
    req.on('error', reject);
    req.end(form);
  });
}

const cookieOf = (res: Raw, previous: string) => {
  const set = res.headers['set-cookie']?.find((c) => c.startsWith('takaru.sid='));
  return set ? set.split(';')[0]! : previous;
};

describe('flash messages after a redirect', () => {
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    const { app } = buildApp();
    server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('shows the confirmation on the page the 303 points to, even when it is fetched as soon as the headers arrive', async () => {
    await createUser({ email: 'fast@t.test', roles: ['worker'] });
    const loginPage = await send(port, 'GET', '/login', '');
    let cookie = cookieOf(loginPage, '');
    const login = await send(port, 'POST', '/login', cookie, formBody({ identifier: 'fast@t.test', password: PASSWORD, _csrf: csrfFrom(await loginPage.body) }));
    expect(login.status).to.equal(303);
    cookie = cookieOf(login, cookie);
    await login.body;

    let token = csrfFrom(await (await send(port, 'GET', '/account/preferences', cookie)).body);
    const missed: number[] = [];
    for (let i = 0; i < 50; i++) {
      const saved = await send(port, 'POST', '/account/preferences', cookie, formBody({ language: 'id', _csrf: token }));
      expect(saved.status, `save ${i}`).to.equal(303);
      // Acts on the headers at once, without reading the body: what a browser does with a 303.
      const next = await send(port, 'GET', saved.headers.location!, cookieOf(saved, cookie));
      const page = await next.body;
      if (!page.includes('Preferensi Anda sudah disimpan.')) missed.push(i);
      await saved.body;
      token = csrfFrom(page);
    }
    expect(missed, `confirmations missing after saves ${missed.join(', ')}`).to.deep.equal([]);
  });
});
