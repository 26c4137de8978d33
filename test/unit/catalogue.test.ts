import { expect } from 'chai';
import { parseForm } from '../../src/platform/http/validate';
import { ValidationError } from '../../src/platform/errors';
import { courseTitle, localized, pickLanguage } from '../../src/modules/catalogue/localized';
import { allPrerequisites, findPrerequisiteCycle } from '../../src/modules/catalogue/prerequisites';
import { courseForm, padRows, unitRowsFromBody } from '../../src/modules/catalogue/course.schemas';
import { instructorForm, roomForm, unitForm } from '../../src/modules/catalogue/catalogue.schemas';
import { isUniqueViolation } from '../../src/modules/catalogue/shared';
import { assertCanBrowseCourses, assertCanManageCatalogue, canManageCatalogue } from '../../src/modules/catalogue/catalogue.policy';
import { DEMO_COURSES, DEMO_INSTRUCTORS, DEMO_ROOMS, DEMO_UNITS } from '../../src/modules/catalogue/catalogue.data';
import { TRADES } from '../../src/modules/catalogue/trades';

const fieldsOf = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
  throw new Error('expected a ValidationError');
};

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);

describe('catalogue: page-language text', () => {
  it('uses the page language and falls back to the other, telling which it used', () => {
    expect(pickLanguage({ id: 'Membubut Dasar', en: 'Basic Turning' }, 'en')).to.deep.equal({ text: 'Basic Turning', lng: 'en' });
    expect(pickLanguage({ id: 'Membubut Dasar', en: '' }, 'en')).to.deep.equal({ text: 'Membubut Dasar', lng: 'id' });
    expect(pickLanguage({ id: '  ', en: 'Lean basics' }, 'id')).to.deep.equal({ text: 'Lean basics', lng: 'en' });
    expect(pickLanguage(null, 'id')).to.deep.equal({ text: '', lng: 'id' });
    expect(localized({ en: 'Only English' }, 'id')).to.equal('Only English');
    expect(courseTitle({ title: { id: 'K3 di Bengkel Logam', en: 'Workshop Safety' } }, 'id')).to.equal('K3 di Bengkel Logam');
    expect(courseTitle(undefined, 'en')).to.equal('');
  });
});

describe('catalogue: prerequisite loops', () => {
  const graph = new Map<string, string[]>([
    [A, []],
    [B, [A]],
    [C, [B]],
  ]);

  it('finds the loop a new prerequisite would close, as a path from the course back to it', () => {
    expect(findPrerequisiteCycle(A, [C], graph)).to.deep.equal([A, C, B, A]);
    expect(findPrerequisiteCycle(A, [B], graph)).to.deep.equal([A, B, A]);
  });

  it('treats a course requiring itself as the shortest loop', () => {
    expect(findPrerequisiteCycle(A, [A], graph)).to.deep.equal([A, A]);
  });

  it('accepts prerequisites that only share ancestors (a diamond is no loop)', () => {
    const diamond = new Map<string, string[]>([[A, []], [B, [A]], [C, [A]]]);
    expect(findPrerequisiteCycle('d'.repeat(24), [B, C], diamond)).to.equal(null);
    expect(findPrerequisiteCycle(C, [B], graph)).to.equal(null);
  });

  it('replaces the course\'s stored prerequisites with the new ones', () => {
    // Stored: C requires B. Changing C to require nothing cannot close a loop, even if A → C is added elsewhere.
    const g = new Map<string, string[]>([[A, [C]], [B, [A]], [C, [B]]]);
    expect(findPrerequisiteCycle(C, [], g)).to.equal(null);
  });

  it('lists every prerequisite, nearest first, even with a loop in stored data', () => {
    expect(allPrerequisites(C, graph)).to.deep.equal([B, A]);
    const looped = new Map<string, string[]>([[A, [C]], [B, [A]], [C, [B]]]);
    expect(allPrerequisites(C, looped)).to.deep.equal([B, A]);
  });
});

describe('catalogue: course form', () => {
  const base = { code: ' las-smaw-01 ', title_id: 'Pengelasan SMAW', title_en: '', trade: 'welding', durationHours: '40' };

  it('pairs the n-th unit with the n-th level, skipping rows without a unit', () => {
    expect(unitRowsFromBody({ unitId: [A, '', B], unitLevel: ['2', '3', ''] })).to.deep.equal([
      { unit: A, level: '2' },
      { unit: B, level: '' },
    ]);
    expect(unitRowsFromBody({ unitId: A, unitLevel: '4' })).to.deep.equal([{ unit: A, level: '4' }]);
    expect(unitRowsFromBody({})).to.deep.equal([]);
    expect(padRows([{ unit: A, level: '2' }])).to.have.length(4);
  });

  it('upper-cases the code and defaults capacity to 12 and attendance to 80 %', () => {
    const parsed = parseForm(courseForm, { ...base, unitId: [A, ''], unitLevel: ['3', ''], prerequisites: [B, B] });
    expect(parsed).to.deep.include({ code: 'LAS-SMAW-01', defaultCapacity: 12, minAttendancePct: 80, durationHours: 40 });
    expect(parsed.title).to.deep.equal({ id: 'Pengelasan SMAW', en: '' });
    expect(parsed.units).to.deep.equal([{ unit: A, level: 3 }]);
    expect(parsed.prerequisites).to.deep.equal([B]);
  });

  it('names every problem at once', () => {
    const fields = fieldsOf(() =>
      parseForm(courseForm, { code: 'LAS SMAW', title_id: '', title_en: '', trade: 'x', durationHours: '1.5', unitId: [A], unitLevel: ['5'], minAttendancePct: '-1' }),
    );
    expect(fields).to.deep.equal({
      code: 'catalogue:validation.course_code_format',
      title_id: 'catalogue:validation.title_required',
      trade: 'catalogue:validation.trade_required',
      durationHours: 'catalogue:validation.duration_range',
      units: 'catalogue:validation.level_required',
      minAttendancePct: 'catalogue:validation.attendance_range',
    });
  });

  it('refuses the same unit twice and prerequisites that are not ids', () => {
    expect(fieldsOf(() => parseForm(courseForm, { ...base, unitId: [A, A], unitLevel: ['1', '2'] }))).to.deep.equal({ units: 'catalogue:validation.unit_twice' });
    expect(fieldsOf(() => parseForm(courseForm, { ...base, prerequisites: ['{"$ne":1}'] }))).to.have.property('prerequisites');
  });
});

describe('catalogue: unit, instructor and room forms', () => {
  it('normalises SKKNI codes and requires the version part', () => {
    expect(parseForm(unitForm, { code: 'c.28log07.005.2', title_id: 'Membubut Dasar', trade: 'machining' }).code).to.equal('C.28LOG07.005.2');
    expect(parseForm(unitForm, { code: 'LOG.OO04.003.01', title_id: 'Die casting', trade: 'casting', synthetic: 'on' })).to.deep.include({ synthetic: true });
    expect(fieldsOf(() => parseForm(unitForm, { code: 'C28LOG07', title_id: 'X', trade: 'qc' }))).to.deep.equal({ code: 'catalogue:validation.unit_code_format' });
  });

  it('requires the organisation of an external instructor only', () => {
    expect(parseForm(instructorForm, { name: 'Darmaji', kind: 'internal', phone: '0813-2611-4207' })).to.deep.include({ phone: '+6281326114207', organisation: '' });
    expect(fieldsOf(() => parseForm(instructorForm, { name: '', kind: 'external', organisation: '' }))).to.deep.equal({
      name: 'validation.required',
      organisation: 'catalogue:validation.organisation_required',
    });
  });

  it('takes a whole-number room capacity', () => {
    expect(parseForm(roomForm, { name: 'Mesin Bubut 1', kind: 'machine', capacity: ' 4 ' }).capacity).to.equal(4);
    expect(fieldsOf(() => parseForm(roomForm, { name: 'R', kind: 'machine', capacity: '' }))).to.deep.equal({ capacity: 'validation.required' });
    expect(fieldsOf(() => parseForm(roomForm, { name: 'R', kind: 'machine', capacity: 'dua' }))).to.deep.equal({ capacity: 'catalogue:validation.room_capacity_range' });
  });
});

describe('catalogue: rules and helpers', () => {
  it('lets coordinators and admins manage; instructors and managers only browse', () => {
    expect(canManageCatalogue({ id: '1', roles: ['coordinator'] })).to.equal(true);
    expect(canManageCatalogue({ id: '1', roles: ['admin'] })).to.equal(true);
    expect(() => assertCanManageCatalogue({ id: '1', roles: ['manager'] })).to.throw();
    expect(() => assertCanBrowseCourses({ id: '1', roles: ['instructor'] })).not.to.throw();
    expect(() => assertCanBrowseCourses({ id: '1', roles: ['worker'] })).to.throw();
  });

  it('recognises a unique-index refusal from MongoDB and from FerretDB on SQLite', () => {
    expect(isUniqueViolation({ code: 11000 })).to.equal(true);
    expect(isUniqueViolation({ code: 1, message: "constraint failed: UNIQUE constraint failed: index 'rooms_name_1' (2067)" })).to.equal(true);
    expect(isUniqueViolation({ code: 1, message: 'something else' })).to.equal(false);
    expect(isUniqueViolation(null)).to.equal(false);
  });
});

describe('catalogue: demo data', () => {
  it('is consistent: units known, prerequisites listed earlier, names unique, trades valid', () => {
    const codes = new Set(DEMO_UNITS.map((u) => u.code));
    expect(codes.size).to.equal(DEMO_UNITS.length);
    const seen = new Set<string>();
    for (const c of DEMO_COURSES) {
      for (const [unit, level] of c.units) {
        expect(codes.has(unit), `${c.code} → ${unit}`).to.equal(true);
        expect(level).to.be.within(1, 4);
      }
      for (const p of c.prerequisites) expect(seen.has(p), `${c.code} requires ${p}`).to.equal(true);
      expect(TRADES).to.include(c.trade);
      seen.add(c.code);
    }
    expect(DEMO_COURSES.filter((c) => c.active !== false).length).to.be.within(10, 14);
    expect(new Set(DEMO_ROOMS.map((r) => r.name)).size).to.equal(DEMO_ROOMS.length);
    expect(new Set(DEMO_INSTRUCTORS.map((i) => i.name)).size).to.equal(DEMO_INSTRUCTORS.length);
  });

  it('keeps the real SKKNI units unmarked and marks invented codes synthetic', () => {
    const real = ['C.28LOG20.003.2', 'C.28LOG15.002.2', 'C.28LOG12.008.2', 'C.28LOG09.002.2', 'C.28LOG18.001.2', 'C.28LOG07.005.2', 'C.24LAS01.029.1', 'LOG.OO04.003.01', 'LOG.OO04.010.01', 'LOG.OO07.013.00'];
    for (const code of real) expect(DEMO_UNITS.find((u) => u.code === code)?.synthetic, code).to.equal(false);
    const synthetic = DEMO_UNITS.filter((u) => u.synthetic).map((u) => u.trade);
    expect(synthetic).to.include.members(['machining', 'sheet_metal', 'casting', 'assembly']);
  });
});
