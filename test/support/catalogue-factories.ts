import type { Types } from 'mongoose';
import { CompetencyUnit, Course, Instructor, Room, type Trade } from '../../src/modules/catalogue';

let seq = 0;

/** A competency unit with a unique code (C.28LOG99.<n>.1). */
export async function createUnit(
  overrides: Partial<{ code: string; title: { id: string; en?: string }; trade: Trade; synthetic: boolean }> = {},
) {
  seq++;
  return CompetencyUnit.create({
    code: `C.28LOG99.${String(seq).padStart(3, '0')}.1`,
    title: { id: `Unit Uji ${seq}`, en: `Test Unit ${seq}` },
    trade: 'welding',
    ...overrides,
  });
}

/** An active course with a unique code (UJI-<n>), 8 hours, capacity 10, 80 % attendance rule. */
export async function createCourse(
  overrides: Partial<{
    code: string;
    title: { id?: string; en?: string };
    description: { id?: string; en?: string };
    trade: Trade;
    durationHours: number;
    units: { unit: Types.ObjectId | string; level: number }[];
    prerequisites: (Types.ObjectId | string)[];
    defaultCapacity: number;
    minAttendancePct: number;
    active: boolean;
  }> = {},
) {
  seq++;
  return Course.create({
    code: `UJI-${seq}`,
    title: { id: `Kursus Uji ${seq}`, en: `Test Course ${seq}` },
    trade: 'welding',
    durationHours: 8,
    defaultCapacity: 10,
    ...overrides,
  });
}

/** An active internal instructor. */
export async function createInstructor(
  overrides: Partial<{ name: string; kind: 'internal' | 'external'; organisation: string; phone: string; email: string; trades: Trade[]; user: Types.ObjectId | string; active: boolean }> = {},
) {
  seq++;
  return Instructor.create({ name: `Instruktur Uji ${seq}`, kind: 'internal', trades: ['welding'], ...overrides });
}

/** An active room with a unique name. */
export async function createRoom(
  overrides: Partial<{ name: string; kind: 'classroom' | 'workshop_bay' | 'machine'; capacity: number; location: string; active: boolean }> = {},
) {
  seq++;
  return Room.create({ name: `Ruang Uji ${seq}`, kind: 'classroom', capacity: 12, ...overrides });
}
