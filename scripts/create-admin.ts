import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { AccountsService, generatePassword } from '../src/modules/accounts';
import { PASSWORD_MIN, createAccountForm } from '../src/modules/accounts/accounts.schemas';
import { systemClock } from '../src/platform/clock';
import { buildIndexes, connectDatabase } from '../src/platform/db/mongo';
import { ValidationError } from '../src/platform/errors';
import { SessionRevoker } from '../src/platform/http/session';
import { createI18n } from '../src/platform/i18n';
import { parseForm } from '../src/platform/http/validate';
import { createLogger } from '../src/platform/logger';

const USAGE = `Creates an admin account (the first one of a new instance, or another).

  npm run create-admin -- --email admin@example.id --name "Rina Kusumawati" [--phone 0812…] [--language id|en]
  node dist/scripts/create-admin.js --email …          (compiled with npm run build)

On a terminal it asks for what is missing and for the password (empty: one is generated).
Without a terminal (a pipe, CI, a container job) it generates a strong password and prints it once.
An email or phone number already in use is refused.`;

/**
 * Whoever runs this on the server with the database's credentials can do anything an admin can:
 * the script acts as one, through the same service (and argon2id hashing) as /admin/users.
 */
const SCRIPT_ACTOR = { id: 'create-admin-script', roles: ['admin'] } as const;

export interface AdminInput {
  email?: string;
  name?: string;
  phone?: string;
  language?: string;
  password: string;
}

/**
 * Validates like the admin form (same schema) and creates the account with the admin role.
 * @throws ValidationError for bad fields or an email/phone already in use.
 */
export async function createAdmin(accounts: AccountsService, input: AdminInput): Promise<string> {
  const form = parseForm(createAccountForm, { ...input, roles: ['admin'], language: input.language ?? 'id' });
  return accounts.createAccount(SCRIPT_ACTOR, form);
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it (raw mode), for the password. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The password: typed twice on a terminal (empty: generated), generated otherwise. */
async function choosePassword(interactive: boolean): Promise<{ password: string; generated: boolean }> {
  if (!interactive) return { password: generatePassword(), generated: true };
  const first = await askHidden(`Password (at least ${PASSWORD_MIN} characters; empty: generate one): `);
  if (first === '') return { password: generatePassword(), generated: true };
  if ((await askHidden('Same password again: ')) !== first) throw new Error('The passwords differ; nothing was created.');
  return { password: first, generated: false };
}

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, language: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const interactive = process.stdin.isTTY === true;
  const email = values.email ?? (interactive ? await ask('Email: ') : undefined);
  const name = values.name ?? (interactive ? await ask('Full name: ') : undefined);
  if (!email || !name) throw new Error(`--email and --name are required without a terminal.\n\n${USAGE}`);
  const { password, generated } = await choosePassword(interactive);

  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await connectDatabase(config, logger);
  try {
    await buildIndexes();
    const accounts = new AccountsService({ clock: systemClock, sessions: new SessionRevoker(db.connection) });
    await createAdmin(accounts, { email, name, phone: values.phone, language: values.language, password });
  } catch (err) {
    if (err instanceof ValidationError) {
      const t = createI18n().getFixedT('en');
      const lines = Object.entries(err.fields).map(([field, key]) => `  ${field}: ${t(key, { min: PASSWORD_MIN })}`);
      throw new Error(`No account was created:\n${lines.join('\n')}`);
    }
    throw err;
  } finally {
    await db.close();
  }
  process.stdout.write(`Admin account created: ${email}\n`);
  if (generated) {
    process.stdout.write(`Password (shown only now; change it after logging in, at /account/password): ${password}\n`);
  }
}

if (require.main === module) {
  run().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
