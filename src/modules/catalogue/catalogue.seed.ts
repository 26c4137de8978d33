import type { Types } from 'mongoose';
import type { ServiceDeps } from '../../platform/deps';
import { User } from '../accounts';
import { DEMO_COURSES, DEMO_INSTRUCTORS, DEMO_ROOMS, DEMO_UNITS, type DemoInstructor } from './catalogue.data';
import { CompetencyUnit } from './competency-unit.model';
import { Course } from './course.model';
import { Instructor } from './instructor.model';
import { Room } from './room.model';

/**
 * Demo data for the catalogue: SKKNI units (real and synthetic), courses, instructors and rooms.
 * Idempotent: records are matched by their natural key (unit and course code, instructor and room
 * name); only missing ones are created and existing ones are never changed, except that the demo
 * instructor is linked to the demo instructor account when it is not linked yet.
 * Returns the number of records created.
 */
export async function seedCatalogueDemo(_deps: ServiceDeps): Promise<number> {
  let created = 0;

  const unitIds = new Map<string, Types.ObjectId>();
  for (const u of DEMO_UNITS) {
    let doc = await CompetencyUnit.findOne({ code: u.code }, { _id: 1 }).lean();
    if (!doc) {
      doc = await CompetencyUnit.create(u);
      created++;
    }
    unitIds.set(u.code, doc._id);
  }

  const courseIds = new Map<string, Types.ObjectId>();
  for (const c of DEMO_COURSES) {
    let doc = await Course.findOne({ code: c.code }, { _id: 1 }).lean();
    if (!doc) {
      doc = await Course.create({
        ...c,
        units: c.units.flatMap(([code, level]) => (unitIds.has(code) ? [{ unit: unitIds.get(code)!, level }] : [])),
        prerequisites: c.prerequisites.flatMap((code) => (courseIds.has(code) ? [courseIds.get(code)!] : [])),
        minAttendancePct: c.minAttendancePct ?? 80,
        active: c.active ?? true,
      });
      created++;
    }
    courseIds.set(c.code, doc._id);
  }

  for (const i of DEMO_INSTRUCTORS) created += await seedInstructor(i);

  for (const r of DEMO_ROOMS) {
    if (await Room.exists({ name: r.name })) continue;
    await Room.create({ ...r, active: true });
    created++;
  }
  return created;
}

async function seedInstructor(i: DemoInstructor): Promise<number> {
  const { account, ...fields } = i;
  const user = account ? await User.findOne({ email: account }, { _id: 1, roles: 1 }).lean() : null;
  // The account already has its instructor record (perhaps renamed since): nothing to add.
  if (user && (await Instructor.exists({ user: user._id }))) return 0;
  const link = user && user.roles.includes('instructor') ? { user: user._id } : {};
  const existing = await Instructor.findOne({ name: i.name }, { _id: 1, user: 1 }).lean();
  if (existing) {
    if (!existing.user && 'user' in link) await Instructor.updateOne({ _id: existing._id }, { $set: link });
    return 0;
  }
  await Instructor.create({ ...fields, active: fields.active ?? true, ...link });
  return 1;
}
