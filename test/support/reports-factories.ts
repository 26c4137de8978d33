import { Attendance, attendanceChanged } from '../../src/modules/attendance';
import { Meeting, meetingsChanged } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import { createCertificate, createScheme } from './certificates-factories';
import { at, createProfile, createSessionWith, createUnit, createWorker, recordAssessment } from './competencies-factories';
import { createUser, createWorkshop } from './factories';

/** Today in the reports tests: 15 June 2026, 12:00 WIB. */
export const REPORT_NOW = new Date('2026-06-15T12:00:00+07:00');
export const reportClock = () => new ManualClock(REPORT_NOW);

/**
 * Two workshops: "Alfa" with a welder holding a certificate that expires today, trained in March
 * (pre 1 → post 3 on the profile's unit, gain −2 on a second unit), and a worker named like a
 * formula; "Beta" with one welder of its own. Managers for both.
 */
export async function reportsFixture(clock: ManualClock) {
  const alfa = await createWorkshop({ name: 'Alfa Logam' });
  const beta = await createWorkshop({ name: 'Beta Baja' });
  const u1 = await createUnit({ trade: 'welding' });
  const u2 = await createUnit({ trade: 'welding' });
  await createProfile({ position: 'Juru las SMAW 3G', requirements: [{ unit: u1._id, level: 3 }], coreScheme: 'Skema Las Alfa' });
  const welder = await createWorker({ name: 'Sutarno Alfa', workshop: alfa._id, position: 'Juru las SMAW 3G' });
  const formula = await createWorker({ name: '=HYPERLINK("http://evil.test","x")', workshop: alfa._id, position: '' });
  const other = await createWorker({ name: 'Rahmat Beta', workshop: beta._id, position: 'Juru las SMAW 3G' });
  const { course, session, enrollments } = await createSessionWith({ units: [{ unit: u1._id, level: 3 }, { unit: u2._id, level: 3 }], workers: [welder, formula, other], now: clock.now(), daysAgo: 100, days: 1 });
  const meeting = await Meeting.create({ session: session._id, start: session.firstStart!, end: session.lastEnd!, room: session.room, checkinToken: `tok-${String(session._id)}` });
  await meetingsChanged({ sessions: [session._id], starts: [meeting.start] });
  for (const [w, status] of [[welder, 'present'], [formula, 'late'], [other, 'absent']] as const) {
    await Attendance.create({ meeting: meeting._id, session: session._id, worker: w._id, status, via: 'manual' });
  }
  await attendanceChanged({ sessions: [session._id] });
  const e = enrollments[0]!;
  await recordAssessment({ kind: 'pre', enrollment: e, course: course._id, unit: u1._id, level: 1, assessedAt: at('2026-03-01') });
  await recordAssessment({ kind: 'post', enrollment: e, course: course._id, unit: u1._id, level: 3, assessedAt: at('2026-03-08') });
  await recordAssessment({ kind: 'pre', enrollment: e, course: course._id, unit: u2._id, level: 3, assessedAt: at('2026-03-01') });
  await recordAssessment({ kind: 'post', enrollment: e, course: course._id, unit: u2._id, level: 1, assessedAt: at('2026-03-08') });
  const scheme = await createScheme({ name: 'Skema Las Alfa' });
  const cert = await createCertificate(clock, { worker: welder, scheme, issueDate: '2023-06-15' });
  const formulaCert = await createCertificate(clock, { worker: { _id: formula._id, name: formula.name }, scheme, issueDate: '2023-07-01' });
  const managerA = await createUser({ roles: ['manager'], workshop: alfa._id, email: 'manajer.alfa@takaru.test' });
  const managerB = await createUser({ roles: ['manager'], workshop: beta._id, email: 'manajer.beta@takaru.test' });
  return { alfa, beta, welder, formula, other, cert, formulaCert, managerA, managerB };
}
