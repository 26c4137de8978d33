import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where the process may run: `web` serves pages and enqueues jobs, `worker` runs jobs, `all` does both. */
export const ROLES = ['web', 'worker', 'all'] as const;
export type ProcessRole = (typeof ROLES)[number];

/**
 * When demo data is loaded into an empty database: `auto` outside production only, `always` in
 * production too (then with random passwords and certificate codes), `never` not at all.
 */
export const SEED_DEMO_MODES = ['auto', 'always', 'never'] as const;
export type SeedDemoMode = (typeof SEED_DEMO_MODES)[number];

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  MONGODB_URI: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('data')),
  APP_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Takaru Skills <no-reply@takaru.test>')),
  ROLE: z.preprocess(emptyToUndefined, z.enum(ROLES).default('all')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DB_NAME: z.preprocess(emptyToUndefined, z.string().regex(/^[a-zA-Z0-9_-]{1,63}$/).default('takaru')),
  SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(SEED_DEMO_MODES).default('auto')),
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.string().default('loopback')),
  REMINDER_HOURS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, 'must be hours before a class, separated by commas (e.g. "24,2")')
      .default('24,2'),
  ),
  REPORTS_LIVE_MAX_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3_600_000).default(2000)),
  CERT_SIGNATORY_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(120).default('Ketua Pengelola LIK Takaru')),
  CERT_SIGNATORY_ROLE: z.preprocess(emptyToUndefined, z.string().trim().max(120).default('')),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  /** A MongoDB server to use; when absent the embedded FerretDB is started. */
  readonly mongodbUri: string | undefined;
  readonly dbName: string;
  readonly dataDir: string;
  /** Base for every absolute link (emails, iCal, QR); never taken from a request's Host header. */
  readonly appUrl: string;
  readonly sessionSecret: string;
  /** Empty: mail is written to the local outbox under dataDir. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly role: ProcessRole;
  readonly logLevel: string;
  /** Whether an empty database gets the demo data (see SEED_DEMO_MODES and demo/seed-policy.ts). */
  readonly seedDemo: SeedDemoMode;
  /** Express `trust proxy` setting, so rate limits see the client's address behind a proxy. */
  readonly trustProxy: string;
  readonly outboxDir: string;
  /** Hours before each meeting at which enrolled workers are reminded, largest first (24 and 2 by default). */
  readonly reminderHours: readonly number[];
  /**
   * The dashboard computes on read when the last measured computation took less than this (ms);
   * slower, it shows the latest snapshot even when data changed since (saying so).
   */
  readonly reportsLiveMaxMs: number;
  /** Whose name and role certificate PDFs print as signing for the issuer. */
  readonly certSignatory: { readonly name: string; readonly role: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a frozen, typed config. The only place that reads `process.env`.
 * Fails fast with every problem listed, so a misconfigured deployment never half-starts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);

  if (isProduction && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required in production (at least 32 random characters)']);
  }
  if (isProduction && !e.APP_URL) {
    throw new ConfigError(['APP_URL: required in production (the public address, e.g. https://skills.example.id)']);
  }

  return Object.freeze({
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dbName: e.DB_NAME,
    dataDir,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    sessionSecret: e.SESSION_SECRET ?? developmentSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    outboxDir: path.join(dataDir, 'outbox'),
    reminderHours: Object.freeze(reminderHours(e.REMINDER_HOURS)),
    reportsLiveMaxMs: e.REPORTS_LIVE_MAX_MS,
    certSignatory: Object.freeze({ name: e.CERT_SIGNATORY_NAME, role: e.CERT_SIGNATORY_ROLE }),
  });
}

/** "24, 2" → [24, 2]: distinct whole hours from 1 to 168, largest first. */
function reminderHours(text: string): number[] {
  const hours = [...new Set(text.split(',').map((h) => Number(h.trim())))].sort((a, b) => b - a);
  const wrong = hours.filter((h) => h < 1 || h > 168);
  if (wrong.length > 0) throw new ConfigError([`REMINDER_HOURS: ${wrong.join(', ')} is not between 1 and 168 hours`]);
  return hours;
}

/** Outside production a secret is generated once and kept under DATA_DIR, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
