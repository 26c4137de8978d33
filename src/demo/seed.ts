import type { ServiceDeps } from '../platform/deps';
import type { Logger } from '../platform/logger';
import { seedCatalogueDemo } from '../modules/catalogue';
import { seedWorkersDemo } from '../modules/workers';
import { seedSchedulingDemo } from '../modules/scheduling';
import { seedCompetenciesDemo } from '../modules/competencies';
import { seedCertificatesDemo } from '../modules/certificates';
import { Credential, User, hashPassword } from '../modules/accounts';
import { Workshop } from '../modules/workshops';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSHOPS } from './workshops.data';

/**
 * Loads the demo data. Idempotent: records are matched by a natural key (workshop name, account
 * email) and only missing ones are created, so running it twice changes nothing and never
 * overwrites what people changed (such as a demo password).
 */
export async function seedDemoData(deps: ServiceDeps): Promise<{ created: number }> {
  const logger: Logger = deps.logger;
  let created = 0;
  const workshopIds = new Map<string, string>();
  for (const w of DEMO_WORKSHOPS) {
    let doc = await Workshop.findOne({ name: w.name }).lean();
    if (!doc) {
      doc = (await Workshop.create({ ...w })).toObject();
      created++;
    }
    workshopIds.set(w.name, String(doc._id));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    let user = await User.findOne({ email: a.email }).lean();
    if (!user) {
      const workshop = 'workshop' in a ? workshopIds.get(a.workshop) : undefined;
      user = (await User.create({ ...a, roles: [...a.roles], workshop, language: 'id' })).toObject();
      created++;
    }
    if (!(await Credential.exists({ _id: user._id }))) {
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
  return { created };
}

/** The first start on an empty database loads the demo data; an existing database is left alone. */
export async function seedIfEmpty(deps: ServiceDeps): Promise<void> {
  if ((await User.estimatedDocumentCount()) > 0) return;
  await seedDemoData(deps);
}
