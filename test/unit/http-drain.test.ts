import { expect } from 'chai';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { trackConnections, type ConnectionDrainer } from '../../src/platform/http/drain';

/** A raw client: what the server answered (everything read until the connection closed). */
function client(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let data = '';
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
  const closed = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(data));
    socket.once('error', (e) => resolve(`error ${e.message}`));
  });
  const send = (path: string, keepAlive = true) =>
    new Promise<void>((resolve) => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n${keepAlive ? '' : 'Connection: close\r\n'}\r\n`, () => resolve()));
  return { socket, connected, closed, send, read: () => data };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('http drain: shutdown answers every request a client sent', () => {
  let server: http.Server;
  let drainer: ConnectionDrainer;
  let port: number;
  const accepted: net.Socket[] = [];

  beforeEach(async () => {
    accepted.length = 0;
    server = http.createServer((req, res) => {
      const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? '20');
      setTimeout(() => res.end(`ok ${req.url}`), ms);
    });
    server.keepAliveTimeout = 60_000;
    drainer = trackConnections(server);
    server.on('connection', (s: net.Socket) => accepted.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers connections the kernel had completed but the server had not accepted when the drain began', async () => {
    // A busy event loop at SIGTERM: the connections wait in the listen backlog, not yet accepted.
    const clients = Array.from({ length: 12 }, () => client(port));
    const until = Date.now() + 30;
    while (Date.now() < until); // the handshakes complete in the kernel meanwhile
    expect(accepted, 'none accepted yet').to.have.length(0);
    const done = drainer.drain({ graceMs: 5000, freshGraceMs: 1000 });
    await Promise.all(clients.map(async (c, i) => {
      await c.connected;
      await c.send(`/backlog-${i}`, false);
    }));
    const answers = await Promise.all(clients.map((c) => c.closed));
    answers.forEach((answer, i) => {
      expect(answer, `client ${i}`).to.match(/^HTTP\/1\.1 200/);
      expect(answer).to.include(`ok /backlog-${i}`);
    });
    await done;
  });

  it('answers a request that had arrived but was not read yet when the drain began', async () => {
    const c = client(port);
    await c.connected;
    while (accepted.length === 0) await sleep(5);
    // The request reaches the server's socket (libuv writes at once on an idle socket) and the drain
    // begins in the same tick, before the server's event loop has read it: a busy server at SIGTERM.
    c.socket.write('GET /late HTTP/1.1\r\nHost: x\r\n\r\n');
    const done = drainer.drain({ graceMs: 5000, freshGraceMs: 1000 });
    const answer = await c.closed;
    expect(answer).to.match(/^HTTP\/1\.1 200/);
    expect(answer).to.match(/\r\nConnection: close\r\n/i);
    expect(answer).to.include('ok /late');
    await done;
  });

  it('lets a request in progress finish and closes its connection after the answer', async () => {
    const c = client(port);
    await c.connected;
    await c.send('/slow?ms=300');
    await sleep(100);
    let drained = false;
    const done = drainer.drain({ graceMs: 5000, freshGraceMs: 1000 }).then(() => (drained = true));
    const answer = await c.closed;
    expect(answer).to.match(/^HTTP\/1\.1 200/);
    expect(answer).to.include('ok /slow?ms=300');
    await done;
    expect(drained).to.equal(true);
  });

  it('ends an answered, idle keep-alive connection at once, not after the keep-alive timeout', async () => {
    const c = client(port);
    await c.connected;
    await c.send('/first');
    while (!c.read().includes('ok /first')) await sleep(10);
    const started = Date.now();
    await drainer.drain({ graceMs: 10_000, freshGraceMs: 5000 });
    expect(Date.now() - started, 'drained before the fresh-connection grace').to.be.below(4000);
    expect(await c.closed).to.include('ok /first');
  });

  it('ends a connection that sent nothing after the fresh grace, and accepts no new connection', async () => {
    const c = client(port);
    await c.connected;
    const started = Date.now();
    const done = drainer.drain({ graceMs: 10_000, freshGraceMs: 200 });
    await sleep(400); // past the linger for the backlog
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => resolve('connected'));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).to.equal('ECONNREFUSED');
    await done;
    expect(await c.closed).to.equal('');
    expect(Date.now() - started, 'ended by the fresh grace, not the hard one').to.be.below(8000);
  });
});
