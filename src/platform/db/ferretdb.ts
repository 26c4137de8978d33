import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../paths';

/**
 * The embedded database: FerretDB v1.24.2 on SQLite, built from our Go module in tools/ferretdb.
 * Used when MONGODB_URI is not set (development, demos, tests).
 */
export interface EmbeddedDb {
  readonly uri: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

export class EmbeddedDbError extends Error {
  override name = 'EmbeddedDbError';
}

const moduleDir = () => path.join(projectRoot(), 'tools', 'ferretdb');
export const ferretBinaryPath = () => path.join(projectRoot(), '.cache', 'bin', 'ferretdb');

/** Hash of everything the binary is built from: rebuild only when it changes. */
function sourceStamp(): string {
  const h = createHash('sha256');
  const sources = readdirSync(moduleDir()).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum').sort();
  for (const f of sources) h.update(f).update(readFileSync(path.join(moduleDir(), f)));
  return h.digest('hex');
}

/**
 * Builds the FerretDB binary once, into .cache/bin, unless it is there and current.
 * @throws EmbeddedDbError when Go is missing (with what to do instead) or the build fails.
 */
export function ensureFerretBinary(
  log: Log = (m) => process.stderr.write(m + '\n'),
  opts: { binary?: string; go?: string } = {},
): string {
  const binary = opts.binary ?? ferretBinaryPath();
  const goCmd = opts.go ?? 'go';
  const stampFile = binary + '.stamp';
  const stamp = sourceStamp();
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
    return binary;
  }
  const go = spawnSync(goCmd, ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new EmbeddedDbError(
      'No database configured: MONGODB_URI is not set and Go is not installed to build the embedded FerretDB.\n' +
        'Either set MONGODB_URI to a MongoDB 7+ server (see .env.example), or install Go 1.24+ (https://go.dev/dl/, ' +
        'or `apt-get install golang`) and run `npm start` again.',
    );
  }
  log(`Building the embedded database (FerretDB v1.24.2 on SQLite) with ${go.stdout.trim()}.`);
  log('The first build compiles SQLite and takes a few minutes; later starts reuse .cache/bin/ferretdb.');
  mkdirSync(path.dirname(binary), { recursive: true });
  const started = Date.now();
  const build = spawnSync(goCmd, ['build', '-trimpath', '-o', binary, '.'], {
    cwd: moduleDir(),
    env: { ...process.env, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    throw new EmbeddedDbError(`Building FerretDB failed (go build exited with ${build.status ?? build.signal}).`);
  }
  writeFileSync(stampFile, stamp + '\n');
  log(`Built ${path.relative(process.cwd(), binary)} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return binary;
}

export interface StartOptions {
  /** Directory for the SQLite files; created if missing. */
  dir: string;
  /** Fixed port, or 0 (default) for any free port. */
  port?: number;
  log?: Log;
  timeoutMs?: number;
}

/**
 * Starts FerretDB and resolves once it listens. The child watches its stdin, so it exits
 * with this process even when this process is killed without a chance to clean up.
 */
export async function startEmbeddedDb(opts: StartOptions): Promise<EmbeddedDb> {
  const binary = ensureFerretBinary(opts.log);
  mkdirSync(opts.dir, { recursive: true });
  const child = spawn(
    binary,
    ['-listen', `127.0.0.1:${opts.port ?? 0}`, '-dir', opts.dir, '-watch-stdin', '-log-level', 'error'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedDbError(`FerretDB did not start within ${opts.timeoutMs ?? 30000} ms. ${stderr}`));
    }, opts.timeoutMs ?? 30000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^LISTENING (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new EmbeddedDbError(`FerretDB exited at start (${code ?? signal}). ${stderr.trim()}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new EmbeddedDbError(`FerretDB could not be started: ${err.message}`));
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    uri,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
