import type { ServiceDeps } from '../../platform/deps';
import { CompetencyUnit } from '../catalogue';
import { seedAssessmentsDemo } from './assessments.demo';
import { DEMO_ELEMENTS, DEMO_PROFILES } from './competencies.data';
import { JobProfile, positionKey } from './job-profile.model';

/** Elements and KUK (paraphrased) for the real demo units that have none yet; edited units are left alone. */
async function seedElements(): Promise<number> {
  const units = await CompetencyUnit.find({ code: new RegExp(`^(${Object.keys(DEMO_ELEMENTS).map((c) => c.replace(/\./g, '\\.')).join('|')})$`) }, { code: 1, elements: 1 }).lean();
  let changed = 0;
  for (const u of units) {
    if ((u.elements ?? []).length > 0) continue;
    const elements = DEMO_ELEMENTS[u.code]!.map((e) => ({
      title: { id: e.title[0], en: e.title[1] },
      criteria: e.kuk.map(([id, en]) => ({ text: { id, en } })),
    }));
    await CompetencyUnit.updateOne({ _id: u._id }, { $set: { elements } }, { runValidators: true });
    changed++;
  }
  return changed;
}

/**
 * Job profiles for the positions the demo workers hold; matched by position, only missing ones
 * created. A profile still holding the short core scheme seeded before (`formerCoreScheme`, which
 * named no demo scheme) gets the scheme's full name; one changed by people is left alone.
 */
async function seedProfiles(): Promise<number> {
  const units = await CompetencyUnit.find({}, { code: 1 }).lean();
  const unitId = new Map(units.map((u) => [u.code, u._id]));
  const existing = new Map((await JobProfile.find({}, { positionKey: 1, coreScheme: 1 }).lean()).map((p) => [p.positionKey, p]));
  let created = 0;
  for (const p of DEMO_PROFILES) {
    const found = existing.get(positionKey(p.position));
    if (found) {
      if (p.formerCoreScheme && p.coreScheme && found.coreScheme === p.formerCoreScheme) {
        await JobProfile.updateOne({ _id: found._id }, { $set: { coreScheme: p.coreScheme } });
        created++;
      }
      continue;
    }
    const requirements = p.requires.flatMap(([code, level]) => (unitId.has(code) ? [{ unit: unitId.get(code)!, level }] : []));
    if (requirements.length === 0) continue;
    await JobProfile.create({
      position: p.position,
      positionKey: positionKey(p.position),
      title: { id: p.title[0], en: p.title[1] },
      trade: p.trade,
      requirements,
      coreScheme: p.coreScheme ?? '',
    });
    created++;
  }
  return created;
}

/**
 * Demo data for the competencies module, after scheduling's: elements and KUK for the real units,
 * job profiles for the positions in use, and pre/post assessments with plausible gains for the
 * past sessions' enrolled workers — the demo worker pekerja@takaru.test included. Idempotent:
 * creates only what is missing. Returns records created or completed.
 */
export async function seedCompetenciesDemo(deps: ServiceDeps): Promise<number> {
  return (await seedElements()) + (await seedProfiles()) + (await seedAssessmentsDemo(deps));
}
