import { once } from 'node:events';
import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { assetsFor, fingerprintedName, IMMUTABLE } from '../../src/platform/http/assets';
import { projectRoot } from '../../src/platform/paths';
import { buildApp } from '../support/harness';

/** The answer exactly as sent, still compressed (supertest would decode it). */
async function rawGet(app: Express, url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) => get({ host: '127.0.0.1', port, path: url, headers }, resolve).on('error', reject));
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}
const STYLESHEET_LINK = /<link rel="stylesheet" href="([^"]+)">/g;
const publicFile = (file: string) => readFileSync(path.join(projectRoot(), 'public', file), 'utf8');

describe('assets: compressed answers, one built stylesheet, fingerprinted files', () => {
  it('compresses pages with brotli or gzip as the browser accepts, and not without Accept-Encoding', async () => {
    const { app } = buildApp();
    const br = await rawGet(app, '/login', { 'Accept-Encoding': 'br' });
    expect(br.status).to.equal(200);
    expect(br.headers['content-encoding']).to.equal('br');
    expect(String(br.headers.vary)).to.match(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).to.include('<form').and.include('name="_csrf"');
    const gz = await rawGet(app, '/login', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gz.body).toString()).to.include('<form');
    const plain = await request(app).get('/login').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).to.equal(undefined);
  });

  it('links exactly one stylesheet, fingerprinted, holding the rules of the former @import files, kept a year', async () => {
    const { app } = buildApp();
    for (const page of ['/login', '/offline']) {
      const html = (await request(app).get(page).expect(200)).text;
      const links = [...html.matchAll(STYLESHEET_LINK)].map((m) => m[1]);
      expect(links, page).to.have.length(1);
      expect(links[0], page).to.match(/^\/assets\/css\/app\.[0-9a-f]{10}\.css$/);
      // The @import chain (app.css → people.css, calendar.css, …) is not what the browser gets.
      expect(html, page).to.not.include('/public/css/');
    }
    const href = [...(await request(app).get('/login')).text.matchAll(STYLESHEET_LINK)][0]![1]!;
    const css = await request(app).get(href).set('Accept-Encoding', 'identity').expect(200);
    expect(css.headers['content-type']).to.match(/^text\/css/);
    expect(css.headers['cache-control']).to.equal(IMMUTABLE);
    expect(css.text).to.not.include('@import');
    // Rules of app.css itself and of files it imported (class names that exist only there).
    for (const [file, selector] of [['app.css', '.skip-link'], ['people.css', '.people-'], ['calendar.css', '.cal-'], ['reports.css', '.rp-filters'], ['pwa.css', '.offline-']]) {
      expect(publicFile(`css/${file}`), `${selector} in ${file}`).to.include(selector);
      expect(css.text, `${selector} from ${file}`).to.include(selector);
    }
    // Minified: smaller than the sources together.
    const sources = ['app', 'people', 'catalogue', 'scheduling', 'calendar', 'attendance', 'competencies', 'certificates', 'continuity', 'reports', 'pwa']
      .reduce((n, f) => n + Buffer.byteLength(publicFile(`css/${f}.css`)), 0);
    expect(css.text.length).to.be.lessThan(sources * 0.9);
    const br = await rawGet(app, href, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).to.equal('br');
    expect(brotliDecompressSync(br.body).toString()).to.equal(css.text);
    expect(br.headers['cache-control']).to.equal(IMMUTABLE);
    // A revalidation (no browser should need one) is answered 304.
    await request(app).get(href).set('Accept-Encoding', 'identity').set('If-None-Match', String(css.headers.etag)).expect(304);
  });

  it('links scripts and icons by fingerprinted names that serve the files, and keeps the stable /public names', async () => {
    const { app } = buildApp();
    const html = (await request(app).get('/login').expect(200)).text;
    const script = /<script src="(\/assets\/js\/sw-register\.[0-9a-f]{10}\.js)" defer><\/script>/.exec(html)?.[1];
    expect(script, 'service worker registration script').to.be.a('string');
    const js = await request(app).get(script!).expect(200);
    expect(js.headers['content-type']).to.match(/^text\/javascript/);
    expect(js.headers['cache-control']).to.equal(IMMUTABLE);
    expect(js.text).to.equal(publicFile('js/sw-register.js'));
    const icon = /<link rel="apple-touch-icon" href="(\/assets\/icons\/icon-192\.[0-9a-f]{10}\.png)">/.exec(html)?.[1];
    expect(icon, 'touch icon').to.be.a('string');
    const png = await rawGet(app, icon!, { 'Accept-Encoding': 'gzip, br' });
    expect(png.status).to.equal(200);
    expect(png.headers['content-encoding'], 'PNG is already compressed').to.equal(undefined);
    expect(png.headers['content-type']).to.equal('image/png');
    expect(html).to.not.match(/(?:href|src)="\/public\//);
    // For the manifest and anything outside the pages: the plain names still answer, briefly cached.
    const stable = await request(app).get('/public/icons/icon-192.png').set('Accept-Encoding', 'gzip').expect(200);
    expect(stable.headers['content-encoding']).to.equal(undefined);
    expect(String(stable.headers['cache-control'])).to.not.include('immutable');
    await request(app).get('/sw.js').expect(200);
    // A fingerprint that names no file is not found.
    await request(app).get('/assets/css/app.0000000000.css').expect(404);
  });

  it('gives a file a new name when its content changes, and the same name for the same content', () => {
    const a = fingerprintedName('css/app.css', Buffer.from('a{color:red}'));
    expect(a).to.match(/^css\/app\.[0-9a-f]{10}\.css$/);
    expect(fingerprintedName('css/app.css', Buffer.from('a{color:red}'))).to.equal(a);
    expect(fingerprintedName('css/app.css', Buffer.from('a{color:blue}'))).to.not.equal(a);
  });

  it('rebuilds the stylesheet under a new name when an imported file is edited (development)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'takaru-public-'));
    for (const sub of ['css', 'js', 'icons']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'css', 'app.css'), '@import url("part.css");\nbody { margin: 0 }\n');
    writeFileSync(path.join(dir, 'css', 'part.css'), '.part-one { color: red }\n');
    const assets = assetsFor(dir, { watch: true });
    const first = assets.url('css/app.css');
    await new Promise((r) => setTimeout(r, 1100));
    expect(assets.url('css/app.css'), 'unchanged content, same name').to.equal(first);
    writeFileSync(path.join(dir, 'css', 'part.css'), '.part-two { color: blue }\n');
    await new Promise((r) => setTimeout(r, 1100));
    const second = assets.url('css/app.css');
    expect(second).to.not.equal(first);
    expect(() => assets.url('js/missing.js')).to.throw(/not a public asset/);
  });
});
