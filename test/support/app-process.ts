/**
 * The real server (src/main.ts) as a child process, the way `npm start` runs it: used by the browser
 * journeys, the fault tests and the load benchmark. Each instance gets its own DATA_DIR (and so its
 * own embedded FerretDB) unless a MONGODB_URI is given, so it never touches the mocha test database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/paths';

export interface AppProcess {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the process wrote (stdout and stderr), for assertions and failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves when the process has exited (by itself or stopped). */
  readonly exited: Promise<number | null>;
}

export interface AppProcessOptions {
  env?: Record<string, string>;
  /** Reuse a data directory (an already seeded one); a new temporary one otherwise. */
  dataDir?: string;
  port?: number;
  /** How long to wait for /health to answer 200 (the first start seeds the demo data). */
  startTimeoutMs?: number;
  /** Remove the data directory when stopped (default: true for a temporary one). */
  cleanup?: boolean;
  /** Extra node flags before the script (the load benchmark's heap probe). */
  nodeArgs?: string[];
  /**
   * Run the compiled build (`dist/src/main.js`, from `npm run build`) with plain `node` and
   * NODE_ENV=production, as a deployment runs it (view cache on, secure cookies, HSTS), instead of
   * the TypeScript sources under tsx in development mode. The caller builds first.
   */
  compiled?: boolean;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Polls `url` until it answers `status`, or throws after `timeoutMs`. */
export async function waitForStatus(url: string, status: number, timeoutMs: number, stillRunning: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status === status) return;
    } catch {
      // not listening yet
    }
    if (!stillRunning()) throw new Error(`process exited while waiting for ${url} → ${status}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Running servers and the temporary data directory to remove with each. */
const running = new Map<ChildProcess, string | undefined>();
process.once('exit', () => {
  // mocha exits with process.exit(): take the servers down with it (FerretDB follows: it watches its stdin).
  for (const [c, dir] of running) {
    c.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts `src/main.ts` (or its build, see `compiled`; ROLE=all unless env says otherwise) and resolves once /health answers 200. */
export async function startAppProcess(opts: AppProcessOptions = {}): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const tmp = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'takaru-proc-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const root = projectRoot();
  const entry = opts.compiled ? [path.join(root, 'dist', 'src', 'main.js')] : ['--import', 'tsx', path.join(root, 'src', 'main.ts')];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: opts.compiled ? 'production' : 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: baseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'proof-secret-proof-secret-proof-secret-42',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set(child, tmp && opts.cleanup !== false ? dataDir : undefined);
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let alive = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      alive = false;
      running.delete(child);
      resolve(code);
    });
  });
  try {
    await waitForStatus(`${baseUrl}/health`, 200, opts.startTimeoutMs ?? 240_000, () => alive);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n--- server output ---\n${out.slice(-4000)}`);
  }
  return {
    baseUrl,
    port,
    dataDir,
    child,
    exited,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (alive) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
        await exited;
        clearTimeout(timer);
      }
      if (tmp && opts.cleanup !== false) rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
}
