import type { ServiceDeps } from '../platform/deps';
import type { Logger } from '../platform/logger';
import { seedCatalogueDemo } from '../modules/catalogue';
import { seedWorkersDemo } from '../modules/workers';
import { seedSchedulingDemo } from '../modules/scheduling';
import { seedCompetenciesDemo } from '../modules/competencies';
import { seedCertificatesDemo } from '../modules/certificates';
import { Credential, User, generatePassword, hashPassword } from '../modules/accounts';
import { Workshop } from '../modules/workshops';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSHOPS } from './workshops.data';
import { shouldSeedDemo } from './seed-policy';

/** A demo account's password made by this run: shown once, stored only as its hash. */
export interface DemoLogin {
  email: string;
  password: string;
}

/**
 * Loads the demo data. Idempotent: records are matched by a natural key (workshop name, account
 * email) and only missing ones are created, so running it twice changes nothing and never
 * overwrites what people changed (such as a demo password).
 *
 * In production the published DEMO_PASSWORD is never used: each demo account gets its own random
 * password, returned in `logins` for the caller to print once (demo certificates get unguessable
 * codes there too, see certificates.seed.ts).
 */
export async function seedDemoData(deps: ServiceDeps): Promise<{ created: number; logins: DemoLogin[] }> {
  const logger: Logger = deps.logger;
  let created = 0;
  const workshopIds = new Map<string, string>();
  for (const w of DEMO_WORKSHOPS) {
    let doc = await Workshop.findOne({ name: w.name }).lean();
    if (!doc) {
      // The owner signs the workshop's capability statements (a UD's owner is its proprietor).
      doc = (await Workshop.create({ ...w, signatoryName: w.owner, signatoryTitle: w.legalForm === 'UD' ? 'Pemilik' : 'Direktur' })).toObject();
      created++;
    }
    workshopIds.set(w.name, String(doc._id));
  }
  const logins: DemoLogin[] = [];
  const demoHash = deps.config.isProduction ? undefined : await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    let user = await User.findOne({ email: a.email }).lean();
    if (!user) {
      const workshop = 'workshop' in a ? workshopIds.get(a.workshop) : undefined;
      user = (await User.create({ ...a, roles: [...a.roles], workshop, language: 'id' })).toObject();
      created++;
    }
    if (!(await Credential.exists({ _id: user._id }))) {
      let passwordHash = demoHash;
      if (!passwordHash) {
        const password = generatePassword();
        passwordHash = await hashPassword(password);
        logins.push({ email: a.email, password });
      }
      await Credential.create({ _id: user._id, passwordHash, changedAt: new Date() });
    }
  }
  // Each module adds its part, in dependency order: what is taught, who, then the classes.
  created += await seedCatalogueDemo(deps);
  created += await seedWorkersDemo(deps);
  created += await seedSchedulingDemo(deps);
  created += await seedCompetenciesDemo(deps);
  created += await seedCertificatesDemo(deps);
  logger.info({ created }, 'demo data checked');
  return { created, logins };
}

/**
 * At start: loads the demo data when shouldSeedDemo says so (an empty database; in production only
 * with SEED_DEMO=always). Returns the random demo logins made (production only), or null when it
 * did not seed; `empty` tells whether the database has no accounts at all.
 */
export async function seedIfEmpty(deps: ServiceDeps): Promise<{ seeded: DemoLogin[] | null; empty: boolean }> {
  const empty = (await User.estimatedDocumentCount()) === 0;
  if (!shouldSeedDemo(deps.config, empty)) return { seeded: null, empty };
  return { seeded: (await seedDemoData(deps)).logins, empty: false };
}

/** The text that shows random demo passwords once, on the console of the process that made them. */
export function demoLoginsText(logins: DemoLogin[]): string {
  if (logins.length === 0) return '';
  const width = Math.max(...logins.map((l) => l.email.length));
  return '\nDemo accounts (random passwords, shown only now; the published demo password does not work here):\n' +
    logins.map((l) => `  ${l.email.padEnd(width)}  ${l.password}`).join('\n') + '\n';
}
