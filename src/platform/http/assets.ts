import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import type { RequestHandler } from 'express';

/** A fingerprinted name changes with its content, so a browser may keep the file for a year untouched. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const ASSETS_PATH = '/assets';

/** The stylesheet every page links: public/css/app.css with its @imports bundled in. */
export const STYLESHEET = 'css/app.css';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
/** Already compressed formats gain nothing from gzip or brotli. */
const COMPRESSIBLE = new Set(['.css', '.js', '.svg']);

/** The first 10 hex digits of the content's SHA-256 (40 bits: no two versions of one file collide in practice). */
export function contentHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 10);
}

/** `css/app.css` with its content → `css/app.<hash>.css`. */
export function fingerprintedName(file: string, content: Uint8Array): string {
  const ext = path.posix.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${contentHash(content)}${ext}`;
}

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
  gzip?: Buffer;
  br?: Buffer;
}

export interface Assets {
  /**
   * The URL pages use for a public file (`asset('js/share.js')` → `/assets/js/share.<hash>.js`).
   * Throws for a file that is not an asset, so a mistyped name fails its page (and its test) at once.
   */
  url(file: string): string;
  /** Serves `/assets/<fingerprinted name>` with a year's immutable caching, precompressed. */
  serve: RequestHandler;
}

/**
 * The files pages reference: the bundled stylesheet, the scripts of public/js/ (the service worker
 * excepted: it must keep its stable URL /sw.js) and the icons.
 */
function sources(publicDir: string): string[] {
  const list = (dir: string, ext: RegExp) =>
    readdirSync(path.join(publicDir, dir)).filter((n) => ext.test(n)).map((n) => (dir ? `${dir}/${n}` : n));
  return [
    ...list('js', /\.js$/).filter((f) => f !== 'js/service-worker.js'),
    ...list('icons', /\.png$/),
    ...list('', /\.svg$/),
  ];
}

/**
 * The stylesheet is bundled by esbuild (it follows the @import chain, keeps the cascade order and
 * minifies), in memory when the app starts (≈0.2 s, once per process). Why at start-up and not in
 * `npm run build`: `npm start`, `npm test` and the compiled production build all get the same bundle
 * with no extra step, nothing generated is committed or can go stale, and a content hash computed
 * from the bytes actually served cannot disagree with them.
 */
function bundleStylesheet(publicDir: string): Buffer {
  const result = buildSync({
    entryPoints: [path.join(publicDir, STYLESHEET)],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
    // Browsers of the workshops' phones (Android Chrome, Samsung Internet); keeps modern CSS as written.
    target: ['chrome100', 'safari15'],
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

function entry(file: string, body: Buffer): Asset {
  const ext = path.posix.extname(file);
  const asset: Asset = { body, type: TYPES[ext] ?? 'application/octet-stream', hash: contentHash(body) };
  if (COMPRESSIBLE.has(ext)) {
    asset.gzip = gzipSync(body, { level: 9 });
    asset.br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
  }
  return asset;
}

function build(publicDir: string): { names: Map<string, string>; files: Map<string, Asset> } {
  const names = new Map<string, string>();
  const files = new Map<string, Asset>();
  const add = (file: string, body: Buffer) => {
    const name = fingerprintedName(file, body);
    names.set(file, name);
    files.set(name, entry(file, body));
  };
  add(STYLESHEET, bundleStylesheet(publicDir));
  for (const file of sources(publicDir)) add(file, readFileSync(path.join(publicDir, file)));
  return { names, files };
}

/** Modification times of everything under public/, to notice an edit while developing. */
function signature(publicDir: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const full = path.join(dir, d.name);
      return d.isDirectory() ? walk(full) : [`${full}:${statSync(full).mtimeMs}`];
    });
  return walk(publicDir).join('|');
}

function createAssets(publicDir: string, watch: boolean): Assets {
  let built = build(publicDir);
  let seen = watch ? signature(publicDir) : '';
  let checkedAt = Date.now();
  // Names of earlier builds stay served: a page rendered just before an edit still gets its files.
  const served = new Map(built.files);
  const fresh = () => {
    if (!watch || Date.now() - checkedAt < 1000) return;
    checkedAt = Date.now();
    const now = signature(publicDir);
    if (now === seen) return;
    seen = now;
    built = build(publicDir);
    for (const [name, asset] of built.files) served.set(name, asset);
  };
  return {
    url(file) {
      fresh();
      const name = built.names.get(file);
      if (!name) throw new Error(`not a public asset: ${file}`);
      return `${ASSETS_PATH}/${name}`;
    },
    serve(req, res, next) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const asset = served.get(req.path.slice(1));
      if (!asset) return next();
      // Brotli whenever the browser takes it (smaller), not the browser's first-listed encoding.
      const encoding = asset.br && req.acceptsEncodings('br') ? 'br' : asset.gzip && req.acceptsEncodings('gzip') ? 'gzip' : 'identity';
      const body = encoding === 'br' ? asset.br! : encoding === 'gzip' ? asset.gzip! : asset.body;
      // One ETag per encoding: the bytes differ.
      const etag = `"${asset.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
      res.set({ 'Cache-Control': IMMUTABLE, 'Content-Type': asset.type, ETag: etag });
      if (asset.br || asset.gzip) res.vary('Accept-Encoding');
      if (encoding !== 'identity') res.set('Content-Encoding', encoding);
      if (req.fresh) return void res.status(304).end();
      res.set('Content-Length', String(body.length));
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}

const instances = new Map<string, Assets>();

/**
 * The public files pages link, under fingerprinted names, built once per process and public folder.
 * `watch` (development and tests): an edited file under public/ gets a new name within a second.
 */
export function assetsFor(publicDir: string, opts: { watch: boolean }): Assets {
  const key = `${publicDir}|${opts.watch}`;
  let assets = instances.get(key);
  if (!assets) instances.set(key, (assets = createAssets(publicDir, opts.watch)));
  return assets;
}
