import { expect } from 'chai';
import {
  Course,
  CompetencyUnit,
  Instructor,
  Room,
  courseNames,
  createCatalogueModule,
  findInstructorIdByUser,
  getCourseSummary,
  instructorNames,
  listCourseOptions,
  roomNames,
  seedCatalogueDemo,
} from '../../src/modules/catalogue';
import { ValidationError } from '../../src/platform/errors';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { createCourse, createInstructor, createRoom, createUnit } from '../support/catalogue-factories';

const coordinator = { id: 'c'.repeat(24), roles: ['coordinator'] };

describe('catalogue services for other modules', () => {
  it('offers active courses with what scheduling needs, in the page language with fallback', async () => {
    const k3 = await createCourse({ code: 'K3-01', title: { id: 'K3 di Bengkel Logam', en: '' }, trade: 'safety', durationHours: 8, defaultCapacity: 20 });
    await createCourse({ code: 'LAS-GMAW-01', title: { id: 'Pengelasan GMAW Pelat', en: 'GMAW Plate Welding' }, prerequisites: [k3._id], minAttendancePct: 90 });
    await createCourse({ code: 'OLD-01', active: false });
    const en = await listCourseOptions('en');
    expect(en.map((c) => c.code)).to.deep.equal(['K3-01', 'LAS-GMAW-01']);
    expect(en[0]).to.deep.equal({
      id: k3.id, code: 'K3-01', title: 'K3 di Bengkel Logam', trade: 'safety', durationHours: 8, defaultCapacity: 20, minAttendancePct: 80, prerequisites: [],
    });
    expect(en[1]).to.deep.include({ title: 'GMAW Plate Welding', minAttendancePct: 90, prerequisites: [k3.id] });
  });

  it('summarises one course with its units and prerequisites, archived ones too', async () => {
    const unit = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' }, synthetic: false });
    const k3 = await createCourse({ code: 'K3-01', title: { id: 'K3', en: 'Safety' }, active: false });
    const course = await createCourse({ code: 'LAS-SMAW-01', units: [{ unit: unit._id, level: 2 }], prerequisites: [k3._id], description: { id: 'Las busur manual' } });
    const summary = await getCourseSummary(course.id, 'en');
    expect(summary.units).to.deep.equal([{ id: unit.id, code: 'C.24LAS01.029.1', title: 'Groove welds', level: 2, synthetic: false }]);
    expect(summary.prerequisiteCourses).to.deep.equal([{ id: k3.id, code: 'K3-01', title: 'Safety', active: false }]);
    expect(summary).to.deep.include({ description: 'Las busur manual', active: true, prerequisites: [k3.id] });
    expect((await getCourseSummary(k3.id, 'id')).active).to.equal(false);
    for (const bad of ['f'.repeat(24), 'not-an-id']) {
      let error: unknown;
      await getCourseSummary(bad, 'id').catch((e: unknown) => (error = e));
      expect((error as { kind?: string }).kind, bad).to.equal('not_found');
    }
  });

  it('names courses, instructors and rooms by id without joins, ignoring bad ids', async () => {
    const course = await createCourse({ code: 'BUB-01', title: { id: 'Membubut Dasar', en: 'Basic Turning' }, trade: 'machining' });
    const instructor = await createInstructor({ name: 'Darmaji', active: false });
    const room = await createRoom({ name: 'Mesin Bubut 1' });
    expect((await courseNames([course.id, 'x'], 'en')).get(course.id)).to.deep.equal({ code: 'BUB-01', title: 'Basic Turning', trade: 'machining' });
    expect((await instructorNames([instructor.id])).get(instructor.id)).to.equal('Darmaji');
    expect((await roomNames([room.id, room.id])).get(room.id)).to.equal('Mesin Bubut 1');
    expect((await roomNames([])).size).to.equal(0);
  });

  it('finds the instructor record of a login account, or null', async () => {
    const user = await createUser({ roles: ['instructor'] });
    expect(await findInstructorIdByUser(user.id)).to.equal(null);
    const instructor = await createInstructor({ user: user._id });
    expect(await findInstructorIdByUser(user.id)).to.equal(instructor.id);
    expect(await findInstructorIdByUser('nonsense')).to.equal(null);
  });
});

describe('catalogue rules under concurrency', () => {
  it('gives a course code to exactly one of two simultaneous saves; the other gets a form message', async () => {
    const { deps } = buildApp();
    const { courses } = createCatalogueModule(deps);
    const input = {
      code: 'QC-01', title: { id: 'Prosedur Mutu', en: '' }, description: { id: '', en: '' }, trade: 'qc' as const,
      durationHours: 12, units: [], prerequisites: [], defaultCapacity: 12, minAttendancePct: 80,
    };
    const results = await Promise.allSettled([courses.createCourse(coordinator, input), courses.createCourse(coordinator, input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).to.be.instanceOf(ValidationError);
    expect((refused.reason as ValidationError).fields).to.deep.equal({ code: 'catalogue:validation.course_code_taken' });
    expect(await Course.countDocuments({ code: 'QC-01' })).to.equal(1);
  });
});

describe('catalogue demo data', () => {
  it('loads units, courses, instructors and rooms once, linking the demo instructor account', async function () {
    this.timeout(30000);
    const { deps } = buildApp();
    const sugeng = await createUser({ name: 'Sugeng Widodo', email: 'instruktur@takaru.test', roles: ['instructor'] });
    const created = await seedCatalogueDemo(deps);
    const counts = async () => [await CompetencyUnit.countDocuments(), await Course.countDocuments(), await Instructor.countDocuments(), await Room.countDocuments()];
    const before = await counts();
    expect(created).to.equal(before.reduce((a, b) => a + b, 0));
    expect(before[1]).to.be.within(10, 15);
    expect(await seedCatalogueDemo(deps)).to.equal(0);
    expect(await counts()).to.deep.equal(before);

    const linked = await Instructor.findOne({ user: sugeng._id }).lean();
    expect(linked).to.deep.include({ name: 'Sugeng Widodo', kind: 'internal' });
    expect(linked!.trades).to.have.members(['welding', 'safety']);
    expect(await Instructor.countDocuments({ organisation: 'BLK Kabupaten Tegal' })).to.be.at.least(2);
    expect(await Instructor.countDocuments({ organisation: 'Politeknik Harapan Bersama' })).to.be.at.least(2);

    const gmaw = await getCourseSummary(String((await Course.findOne({ code: 'LAS-GMAW-01' }).lean())!._id), 'id');
    expect(gmaw.prerequisiteCourses.map((p) => p.code)).to.include('K3-01');
    const frs = await getCourseSummary(String((await Course.findOne({ code: 'FRS-01' }).lean())!._id), 'id');
    expect(frs.units.every((u) => u.synthetic)).to.equal(true);
    const rooms = (await Room.find().lean()).map((r) => r.name);
    expect(rooms).to.include.members(['Ruang Teori 1', 'Ruang Teori 2', 'Bengkel Las 1', 'Bengkel Las 2', 'Mesin Bubut 1', 'Mesin Bubut 4', 'Mesin Frais 1', 'Area Pengecoran', 'Bengkel Plat']);
  });

  it('links the demo account to an existing instructor of that name instead of adding a second one', async () => {
    const { deps } = buildApp();
    await createInstructor({ name: 'Sugeng Widodo' });
    const sugeng = await createUser({ name: 'Sugeng Widodo', email: 'instruktur@takaru.test', roles: ['instructor'] });
    await seedCatalogueDemo(deps);
    expect(await Instructor.countDocuments({ name: 'Sugeng Widodo' })).to.equal(1);
    expect(await findInstructorIdByUser(sugeng.id)).to.not.equal(null);
  });
});
