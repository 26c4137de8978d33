import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/platform/db/ferretdb';
import { freePort, startAppProcess, waitForStatus, type AppProcess } from '../support/app-process';

/**
 * Faults with real processes: the app (src/main.ts) on a FerretDB that the test owns (given as
 * MONGODB_URI, so the test can stop and restart it on the same port and files), seeded with the
 * demo data once for the file.
 */
const DB_NAME = 'takaru_faults';

/** A browser-like client: keeps the session cookie, follows nothing. */
class Client {
  cookie = '';
  constructor(public base: string) {}

  async get(p: string, timeoutMs = 15_000): Promise<{ status: number; text: string; ms: number }> {
    const started = Date.now();
    const res = await fetch(this.base + p, { headers: this.cookie ? { cookie: this.cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    this.keep(res);
    return { status: res.status, text: await res.text(), ms: Date.now() - started };
  }

  async post(p: string, fields: Record<string, string>): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + p, {
      method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(15_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  async token(p: string): Promise<string> {
    const page = await this.get(p);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!m) throw new Error(`no form on ${p} (${page.status})`);
    return m[1]!;
  }

  async logIn(identifier: string): Promise<void> {
    const _csrf = await this.token('/login');
    const res = await this.post('/login', { _csrf, identifier, password: 'takaru-demo' });
    expect(res.status, `login ${identifier}`).to.equal(303);
  }

  private keep(res: Response): void {
    const c = res.headers.get('set-cookie');
    if (c) this.cookie = c.split(';')[0]!;
  }
}

/** A GET written whole on its own connection; `answer` is the raw response (or the socket error). */
function rawGet(port: number, p: string, cookie: string): { sent: Promise<void>; answer: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  let data = '';
  const sent = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, () => resolve()));
    socket.once('error', reject);
  });
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.once('close', () => resolve(data || 'no answer'));
    socket.once('error', (e) => resolve(`error ${e.message}`));
  });
  return { sent, answer };
}

describe('faults: database outage, shutdown under load, two web processes', function () {
  this.timeout(300_000);
  let dir: string;
  let port: number;
  let db: EmbeddedDb;
  let uri: string;
  let app: AppProcess;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'takaru-faults-'));
    port = await freePort();
    db = await startEmbeddedDb({ dir, port });
    uri = db.uri;
    app = await startAppProcess({ env: { MONGODB_URI: uri, DB_NAME, SEED_DEMO: 'auto' } });
  });
  after(async () => {
    await app?.stop();
    await db?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 promptly with a friendly page while the database is stopped, and recovers by itself', async () => {
    const worker = new Client(app.baseUrl);
    await worker.logIn('pekerja@takaru.test');
    expect((await worker.get('/my/schedule')).status).to.equal(200);

    await db.stop();
    const health = await worker.get('/health');
    expect(health.status).to.equal(503);
    expect(JSON.parse(health.text)).to.deep.equal({ status: 'error', db: 'down' });
    expect(health.ms, '/health answers within 3 s').to.be.below(3000);
    for (const p of ['/my/schedule', '/home/worker', '/login', '/verify/JD6EnbDAabgALjR-VB-PvnwmNeGzh08s']) {
      const page = await worker.get(p);
      expect(page.status, p).to.equal(503);
      expect(page.ms, `${p} answers promptly`).to.be.below(8000);
      expect(page.text, p).to.include('Layanan sedang tidak tersedia');
      expect(page.text, p).to.include('Basis data sedang tidak dapat dihubungi');
      expect(page.text, p).not.to.match(/Mongo\w*Error|ECONNREFUSED|127\.0\.0\.1:\d+|at \S+ \(/);
    }
    // A form sent during the outage is refused as a whole.
    const refused = await worker.post('/logout', { _csrf: 'whatever' });
    expect(refused.status).to.be.oneOf([403, 503]);

    db = await startEmbeddedDb({ dir, port });
    await waitForStatus(`${app.baseUrl}/health`, 200, 60_000);
    const back = await worker.get('/my/schedule');
    expect(back.status, 'the same session works again').to.equal(200);
    expect(back.text).to.include('Ahmad Nurhadi');
  });

  it('writes nothing half-way when the database goes away in the middle of requests', async () => {
    const koor = new Client(app.baseUrl);
    await koor.logIn('koordinator@takaru.test');
    const conn = await mongoose.createConnection(uri, { dbName: DB_NAME }).asPromise();
    try {
      // A burst of room creations; the database is stopped while they run.
      const tag = Date.now().toString(36);
      const token = await koor.token('/rooms/new');
      const sends = Array.from({ length: 30 }, (_, i) =>
        koor.post('/rooms', { _csrf: token, name: `Ruang Gangguan ${tag}-${i}`, kind: 'classroom', capacity: '10', location: '' }).catch(() => ({ status: 0, text: '', location: null })));
      await new Promise((r) => setTimeout(r, 150));
      // Abruptly, as a crash would: no chance to finish what it was doing.
      const gone = new Promise((r) => db.process.once('exit', r));
      db.process.kill('SIGKILL');
      await gone;
      const results = await Promise.all(sends);
      db = await startEmbeddedDb({ dir, port });
      await waitForStatus(`${app.baseUrl}/health`, 200, 30_000);
      await conn.asPromise();
      const statuses = results.map((r) => r.status);
      // Every request got an answer: done (303), or refused as unavailable (503); never a 500.
      expect(statuses.filter((s) => ![303, 422, 503].includes(s)), statuses.join(',')).to.deep.equal([]);
      const rooms = await conn.collection('rooms').find({ name: { $regex: `^Ruang Gangguan ${tag}-` } }).toArray();
      // Each room the app said it saved is there, and whole. (A room may also exist whose answer was
      // 503: written, then the outage hit the session save — the person sees it when they look again.)
      const saved = results.filter((r) => r.status === 303).length;
      expect(rooms.length).to.be.at.least(saved);
      expect(rooms.length).to.be.at.most(saved + results.filter((r) => r.status === 503).length);
      for (const r of rooms) {
        expect(r).to.include.keys('name', 'kind', 'capacity', 'active');
        expect(r.kind).to.equal('classroom');
        expect(r.capacity).to.equal(10);
      }
    } finally {
      await conn.close();
    }
  });

  it('completes the requests in flight on SIGTERM, then exits', async () => {
    const extra = await startAppProcess({ env: { MONGODB_URI: uri, DB_NAME, SEED_DEMO: 'never', ROLE: 'web', LOG_LEVEL: 'info' } });
    const koor = new Client(extra.baseUrl);
    await koor.logIn('koordinator@takaru.test');
    // Raw connections, each with a whole request written before the signal, and a moment for the
    // server to take them in. (Not too many: main.ts gives up after 40 s, and a busy CI machine
    // renders a calendar in a good fraction of a second.)
    // Warm: templates compiled, so the server takes new connections in at once.
    for (let i = 0; i < 3; i++) expect((await koor.get('/calendar')).status).to.equal(200);
    const requests = Array.from({ length: 40 }, () => rawGet(extra.port, '/calendar', koor.cookie));
    await Promise.all(requests.map((r) => r.sent));
    let answered = 0;
    for (const r of requests) void r.answer.then(() => answered++);
    // The signal goes as soon as the first answer is out: the server has taken the requests in and
    // is working through them (a fixed pause let a fast machine answer all 24 before the signal).
    await Promise.race(requests.map((r) => r.answer));
    const pendingAtSignal = requests.length - answered;
    const stopping = extra.stop('SIGTERM');
    const results = await Promise.all(requests.map((r) => r.answer));
    expect(pendingAtSignal, 'requests still in flight when SIGTERM was sent').to.be.greaterThan(0);
    const code = await stopping;
    const log = extra.output().split('\n').filter((l) => /shutting|stopped|took too long|failed/.test(l)).join('\n');
    expect(results.filter((r) => !r.startsWith('HTTP/1.1 200')).map((r) => r.slice(0, 80)), `every request in flight answered 200\n${log}`).to.deep.equal([]);
    expect(code, 'exit code').to.equal(0);
    // And it no longer listens.
    await fetch(`${extra.baseUrl}/health`).then(() => expect.fail('still listening'), () => undefined);
  });

  it('serves a logged-in user from either of two web processes on one database', async () => {
    const second = await startAppProcess({ env: { MONGODB_URI: uri, DB_NAME, SEED_DEMO: 'never', ROLE: 'web' } });
    try {
      const onFirst = new Client(app.baseUrl);
      await onFirst.logIn('pekerja@takaru.test');
      const onSecond = new Client(second.baseUrl);
      onSecond.cookie = onFirst.cookie;
      for (let i = 0; i < 3; i++) {
        expect((await onFirst.get('/my/schedule')).status).to.equal(200);
        const there = await onSecond.get('/my/schedule');
        expect(there.status, 'the session is known to the second process').to.equal(200);
        expect(there.text).to.include('Ahmad Nurhadi');
      }
      // Logging out on one ends the session on both.
      const _csrf = await onSecond.token('/home/worker');
      expect((await onSecond.post('/logout', { _csrf })).status).to.equal(303);
      const after = await onFirst.get('/my/schedule');
      expect(after.status).to.equal(303);
      expect(after.text + '').to.not.include('Ahmad Nurhadi');
    } finally {
      await second.stop();
    }
  });
});
