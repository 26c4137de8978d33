import { expect } from 'chai';
import type { ProfileLookup, LevelEvent } from '../../src/modules/competencies';
import { buildReport, competitiveness, type ReportData } from '../../src/modules/reports';
import { meetsCoreScheme, type RCertificate } from '../../src/modules/reports/metrics';
import { resolvePeriod, periodBuckets } from '../../src/modules/reports/period';
import { barChart } from '../../src/modules/reports/charts';

/*
 * Every figure against values computed by hand on a small fixture (see the comments): workshop A
 * (w1 welder with a profile, w2 welder without a position, w3 machinist whose profile has no core
 * scheme), B (w4, a welder whose continuity lapsed), C (w5, no welders, no profile).
 * Today = 15 June 2026, 12:00 WIB; period = the last 6 months, rolling (16 Dec 2025 – 15 Jun 2026).
 */
const NOW = new Date('2026-06-15T12:00:00+07:00');
const at = (d: string, t = '08:00') => new Date(`${d}T${t}:00+07:00`);
const wib = (d: string) => new Date(`${d}T00:00:00+07:00`);

function cert(id: string, workerId: string, over: Partial<RCertificate>): RCertificate {
  return { id, workerId, holderName: workerId.toUpperCase(), schemeName: 'Juru Las SMAW Pelat Posisi 3G', number: `N-${id}`, verifyCode: `v${id}`, trade: 'welding', kkniLevel: 2, issuingBody: 'LSP', issueDate: wib('2025-01-01'), validity: { kind: 'fixed_term', years: 3 }, revokedAt: null, renewed: false, ...over };
}
let seq = 0;
function ev(workerId: string, unitId: string, kind: 'pre' | 'post', level: number, when: Date, courseId: string, enrollmentId: string): LevelEvent {
  return { id: `e${++seq}`, workerId, unitId, kind, level, assessedAt: when, sessionId: 's', courseId, enrollmentId };
}

function fixture(): ReportData {
  const profiles = new Map<string, ProfileLookup>([
    ['juru las smaw 3g', { id: 'p1', position: 'Juru las SMAW 3G', title: { id: 'x', en: 'x' }, trade: 'welding', coreScheme: 'Juru Las SMAW Pelat Posisi 3G', requirements: [{ unitId: 'u1', level: 3 }, { unitId: 'u2', level: 2 }] }],
    ['operator bubut', { id: 'p2', position: 'Operator bubut', title: { id: 'x', en: 'x' }, trade: 'machining', coreScheme: '', requirements: [{ unitId: 'u3', level: 2 }] }],
  ]);
  return {
    now: NOW,
    period: resolvePeriod(NOW, '6m'),
    workshops: [{ id: 'A', name: 'CV. Alfa' }, { id: 'B', name: 'CV. Beta' }, { id: 'C', name: 'CV. Gama' }],
    workers: [
      { id: 'w1', name: 'W1', workshopId: 'A', trades: ['welding'], position: 'Juru las SMAW 3G' },
      { id: 'w2', name: 'W2', workshopId: 'A', trades: ['welding'], position: '' },
      { id: 'w3', name: 'W3', workshopId: 'A', trades: ['machining'], position: 'Operator  Bubut' },
      { id: 'w4', name: 'W4', workshopId: 'B', trades: ['welding'], position: 'Juru las SMAW 3G' },
      { id: 'w5', name: 'W5', workshopId: 'C', trades: ['qc'], position: 'Inspektur' },
    ],
    profiles,
    courses: new Map([
      ['c1', { id: 'c1', code: 'LAS-01', title: { id: 'Las', en: 'Welding' }, trade: 'welding', minAttendancePct: 80 }],
      ['c2', { id: 'c2', code: 'BBT-01', title: { id: 'Bubut', en: 'Lathe' }, trade: 'machining', minAttendancePct: 80 }],
    ]),
    sessions: [{ id: 's1', courseId: 'c1', cancelled: false }, { id: 's2', courseId: 'c2', cancelled: false }, { id: 's3', courseId: 'c1', cancelled: true }],
    meetings: [
      { id: 'm1', sessionId: 's1', start: at('2026-03-02'), end: at('2026-03-02', '12:00'), cancelled: false },
      { id: 'm2', sessionId: 's1', start: at('2026-03-09'), end: at('2026-03-09', '12:00'), cancelled: false },
      { id: 'm3', sessionId: 's2', start: at('2026-04-01'), end: at('2026-04-01', '10:00'), cancelled: false },
      { id: 'm4', sessionId: 's3', start: at('2026-03-05'), end: at('2026-03-05', '12:00'), cancelled: false },
    ],
    enrollments: [{ sessionId: 's1', workerId: 'w1' }, { sessionId: 's1', workerId: 'w2' }, { sessionId: 's1', workerId: 'w4' }, { sessionId: 's2', workerId: 'w3' }, { sessionId: 's3', workerId: 'w1' }],
    attendance: [
      { meetingId: 'm1', workerId: 'w1', status: 'present' }, { meetingId: 'm1', workerId: 'w2', status: 'late' }, { meetingId: 'm1', workerId: 'w4', status: 'absent' },
      { meetingId: 'm2', workerId: 'w1', status: 'present' }, { meetingId: 'm2', workerId: 'w2', status: 'absent' },
      { meetingId: 'm3', workerId: 'w3', status: 'present' }, { meetingId: 'm4', workerId: 'w1', status: 'present' },
    ],
    events: [
      ev('w1', 'u1', 'pre', 1, at('2026-03-02'), 'c1', 'en1'), ev('w1', 'u1', 'post', 3, at('2026-03-09', '12:00'), 'c1', 'en1'),
      ev('w2', 'u1', 'pre', 0, at('2026-03-02'), 'c1', 'en2'),
      ev('w3', 'u3', 'pre', 2, at('2026-04-01'), 'c2', 'en3'), ev('w3', 'u3', 'post', 2, at('2026-04-01', '10:00'), 'c2', 'en3'),
    ],
    certificates: [
      // Issued 15 Jun 2023, 3 years: today is its last day — expiring, 0 days left, still certified.
      cert('k1', 'w1', { issueDate: wib('2023-06-15') }),
      // Continuity SMAW issued 10 Jan 2025, nothing logged since: lapsed from 11 Jul 2025.
      cert('k2', 'w4', { issueDate: wib('2025-01-10'), validity: { kind: 'continuity', process: 'SMAW' } }),
      cert('k3', 'w1', { revokedAt: wib('2025-02-01') }),
      // One year from 1 Jan 2025: expired since 2 Jan 2026.
      cert('k4', 'w3', { schemeName: 'Operator Bubut', trade: 'machining', validity: { kind: 'fixed_term', years: 1 } }),
      cert('k5', 'w2', { issueDate: wib('2026-05-01') }),
    ],
    // w1 last used SMAW on 10 Jan 2026: covered until 10 Jul, lapses 11 Jul — 26 days away, "about to lapse".
    evidence: new Map([['w1', [{ process: 'SMAW', date: wib('2026-01-10'), kind: 'use' }]]]),
  };
}

describe('reports: figures computed by hand on a small fixture', () => {
  it('resolves "last 6 months" to the rolling 6 months through today, and the buckets of the trend', () => {
    const p = resolvePeriod(NOW, '6m');
    expect([p.fromDate, p.toDate]).to.deep.equal(['2025-12-16', '2026-06-15']);
    expect(p.from.toISOString()).to.equal('2025-12-15T17:00:00.000Z');
    expect(p.asOf.getTime()).to.equal(NOW.getTime());
    expect(periodBuckets(p)).to.deep.equal({ months: ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], quarters: ['2025-Q4', '2026-Q1', '2026-Q2'] });
  });

  it('counts training of workshop A: trained, person-hours, attendance and completion', () => {
    const r = buildReport(fixture(), { workshopId: 'A', trade: null });
    expect(r.workers).to.equal(3);
    // w1 (m1, m2), w2 (m1 late), w3 (m3); the cancelled class s3 does not count.
    expect(r.training.workersTrained).to.equal(3);
    expect(r.training.personHours).to.equal(14); // 4 + 4 + 4 + 2
    // attended 2 + 1 + 1 over held 2 + 2 + 1 (w2's absence counts).
    expect(r.training.attendance).to.deep.equal({ num: 4, den: 5, pct: 80 });
    // s1 ended in the period: w1 completed, w2 (50 %) did not; s2: w3 completed.
    expect(r.training.completion).to.deep.equal({ num: 2, den: 3, pct: 66.7 });
  });

  it('filters by trade and by workshop (all of LIK includes B\'s unrecorded meeting as absent)', () => {
    const welding = buildReport(fixture(), { workshopId: 'A', trade: 'welding' });
    expect(welding.workers).to.equal(2);
    expect([welding.training.workersTrained, welding.training.personHours]).to.deep.equal([2, 12]);
    expect(welding.training.attendance.pct).to.equal(75);
    expect(welding.training.completion).to.deep.equal({ num: 1, den: 2, pct: 50 });
    const all = buildReport(fixture(), { workshopId: null, trade: null });
    expect(all.training.attendance).to.deep.equal({ num: 4, den: 7, pct: 57.1 });
    expect(all.training.completion.pct).to.equal(50);
  });

  it('certified workforce: only workers with a core scheme count; a certificate expiring today still counts', () => {
    const r = buildReport(fixture(), { workshopId: 'A', trade: null });
    expect(r.certified.certified).to.deep.equal({ num: 1, den: 1, pct: 100 });
    expect(r.certified.withoutCoreScheme).to.equal(2); // w2 has no position; w3's profile names no scheme
    expect(buildReport(fixture(), { workshopId: 'B', trade: null }).certified.certified.pct).to.equal(0);
  });

  it('a core scheme is met by the same scheme name only (case, spacing and punctuation ignored)', () => {
    expect(meetsCoreScheme('juru las  SMAW pelat posisi 3G', 'Juru Las SMAW Pelat Posisi 3G')).to.equal(true);
    expect(meetsCoreScheme('Juru Las GMAW Pelat (ISO 9606-1)', 'juru las gmaw pelat iso 9606 1')).to.equal(true);
    // Containing the words is not enough: a CNC certificate does not certify a manual lathe operator.
    expect(meetsCoreScheme('Operator Mesin Bubut CNC', 'Operator Mesin Bubut')).to.equal(false);
    expect(meetsCoreScheme('Juru Las SMAW Pelat Posisi 3G', 'Juru Las SMAW 3G')).to.equal(false);
    expect(meetsCoreScheme('Juru Las SMAW Pelat Posisi 2G', 'Juru Las SMAW Pelat Posisi 3G')).to.equal(false);
    expect(meetsCoreScheme('Anything', '')).to.equal(false);
  });

  it('certified workforce: a scheme renamed since issue still counts; a core scheme naming no scheme is reported', () => {
    const renamed = fixture();
    renamed.certificates = renamed.certificates.map((c) => (c.id === 'k1' ? { ...c, schemeName: 'Juru Las SMAW 3G (lama)', schemeId: 'sc1' } : c));
    renamed.schemes = new Map([['sc1', 'Juru Las SMAW Pelat Posisi 3G']]);
    const r = buildReport(renamed, { workshopId: 'A', trade: null });
    expect(r.certified.certified).to.deep.equal({ num: 1, den: 1, pct: 100 });
    expect(r.certified.unknownSchemes).to.deep.equal([]);

    const typo = fixture();
    typo.profiles.set('juru las smaw 3g', { ...typo.profiles.get('juru las smaw 3g')!, coreScheme: 'Juru Las SMAW 3G' });
    typo.schemes = new Map([['sc1', 'Juru Las SMAW Pelat Posisi 3G']]);
    const t = buildReport(typo, { workshopId: 'A', trade: null });
    expect(t.certified.certified).to.deep.equal({ num: 0, den: 1, pct: 0 });
    expect(t.certified.unknownSchemes).to.deep.equal(['Juru Las SMAW 3G']);
    // Without the list of schemes (older callers), nothing is reported rather than everything.
    expect(buildReport(fixture(), { workshopId: 'A', trade: null }).certified.unknownSchemes).to.deep.equal([]);
  });

  it('competency coverage: required unit-levels met at the reference date; never assessed = 0; no position = left out', () => {
    const r = buildReport(fixture(), { workshopId: 'A', trade: null });
    // w1: u1 level 3 ≥ 3 met, u2 never assessed < 2; w3: u3 2 ≥ 2 met (position matched ignoring case and spaces).
    expect(r.coverage.coverage).to.deep.equal({ num: 2, den: 3, pct: 66.7 });
    expect([r.coverage.workersWithProfile, r.coverage.workersWithoutProfile]).to.deep.equal([2, 1]);
  });

  it('average and normalised gain per course and trade, over pairs only', () => {
    const r = buildReport(fixture(), { workshopId: 'A', trade: null });
    expect(r.meanGain!.pairs).to.equal(2);
    expect(r.meanGain!.meanGain).to.equal(1); // (2 + 0) / 2
    expect(r.meanGain!.meanNormalisedGain).to.be.closeTo((2 / 3 + 0) / 2, 1e-9);
    expect(r.gainsByCourse.map((g) => [g.key, g.rows, g.pairs, g.meanGain])).to.deep.equal([['c1', 2, 1, 2], ['c2', 1, 1, 0]]);
    expect(r.gainsByTrade.map((g) => g.key)).to.deep.equal(['machining', 'welding']);
  });

  it('certificates expiring in 30 and 90 days (today included), lapsed and expired; revoked left out', () => {
    const a = buildReport(fixture(), { workshopId: 'A', trade: null }).certificates;
    expect([a.valid, a.expiring30, a.expiring31to90, a.lapsed, a.expired]).to.deep.equal([1, 1, 0, 0, 1]);
    expect(a.rows.map((c) => [c.id, c.status, c.daysLeft])).to.deep.equal([['k4', 'expired', null], ['k1', 'expiring', 0]]);
    const all = buildReport(fixture(), { workshopId: null, trade: null }).certificates;
    expect(all.lapsed).to.equal(1);
  });

  it('certificate buckets are disjoint, use the certificates module\'s status, and count renewed ones apart', () => {
    const data = fixture();
    data.certificates = [
      // Last days 15 Jul (30 days left), 16 Jul (31), 13 Sep (90), 14 Sep (91): two buckets, never both.
      cert('d30', 'w1', { issueDate: wib('2023-07-15') }),
      cert('d31', 'w1', { issueDate: wib('2023-07-16') }),
      cert('d90', 'w1', { issueDate: wib('2023-09-13') }),
      cert('d91', 'w1', { issueDate: wib('2023-09-14') }),
      // Expired, renewed: left out of "expired", counted in `renewed`; not in the rows to act on.
      cert('old', 'w1', { issueDate: wib('2022-01-01'), renewed: true }),
      cert('exp', 'w1', { issueDate: wib('2022-02-01') }),
    ];
    const c = buildReport(data, { workshopId: 'A', trade: null }).certificates;
    expect([c.valid, c.expiring30, c.expiring31to90, c.lapsed, c.expired]).to.deep.equal([1, 1, 2, 0, 1]);
    expect(c.renewed).to.deep.equal({ valid: 0, expiring30: 0, expiring31to90: 0, lapsed: 0, expired: 1 });
    expect(c.rows.map((r) => r.id)).to.deep.equal(['exp', 'd30', 'd31', 'd90']);
  });

  it('welder continuity: about to lapse complies, lapsed does not, a workshop with no welders has no figure', () => {
    const a = buildReport(fixture(), { workshopId: 'A', trade: null }).continuity;
    expect(a.welders).to.equal(2);
    expect(a.compliance).to.deep.equal({ num: 1, den: 1, pct: 100 });
    expect([a.warn, a.lapsed, a.nothingLogged]).to.deep.equal([1, 0, 1]);
    const b = buildReport(fixture(), { workshopId: 'B', trade: null }).continuity;
    expect(b.compliance).to.deep.equal({ num: 0, den: 1, pct: 0 });
    const c = buildReport(fixture(), { workshopId: 'C', trade: null }).continuity;
    expect(c.welders).to.equal(0);
    expect(c.compliance.pct).to.equal(null);
  });

  it('welder continuity: a use logged after a lapse does not make the welder comply again', () => {
    const data = fixture();
    // w4's SMAW lapsed on 11 Jul 2025 (issued 10 Jan 2025, nothing logged); a use in June 2026 is after the lapse.
    data.evidence.set('w4', [{ process: 'SMAW', date: wib('2026-06-01'), kind: 'use' }]);
    const b = buildReport(data, { workshopId: 'B', trade: null }).continuity;
    expect(b.compliance).to.deep.equal({ num: 0, den: 1, pct: 0 });
    expect(b.lapsed).to.equal(1);
    expect(b.rows.map((r) => [r.process, r.status])).to.deep.equal([['SMAW', 'lapsed']]);
  });

  it('workshops of 1–3 people get no index (every component rests on fewer than 5): shown, not ranked', () => {
    // The figures behind it are kept (and shown with their n); small-n rules: reports-index-small-n.test.ts.
    const rows = competitiveness(fixture(), null);
    expect(rows.map((r) => [r.workshopId, r.coverage.pct, r.certified.pct, r.recency.pct, r.coverage.n, r.certified.n, r.recency.n, r.index, r.rank])).to.deep.equal([
      ['A', 66.7, 100, 100, 2, 1, 3, null, null],
      ['B', 0, 0, 0, 1, 1, 1, null, null],
      ['C', null, null, 0, 0, 0, 1, null, null],
    ]);
  });

  it('trends per month and quarter: training in its month, certified share at its end', () => {
    const r = buildReport(fixture(), { workshopId: 'A', trade: null });
    const march = r.months.find((m) => m.bucket === '2026-03')!;
    expect([march.workersTrained, march.personHours, march.attendancePct, march.meanGain]).to.deep.equal([2, 12, 75, 2]);
    expect(r.months.find((m) => m.bucket === '2026-04')!.personHours).to.equal(2);
    expect(r.months.find((m) => m.bucket === '2026-01')!.workersTrained).to.equal(0);
    expect(r.quarters.map((q) => [q.bucket, q.personHours])).to.deep.equal([['2025-Q4', 0], ['2026-Q1', 12], ['2026-Q2', 2]]);
    // The first month (16–31 Dec) and the current one (1–15 Jun) are partial; whole months are not.
    expect(r.months.map((m) => [m.bucket, m.days, m.partial])).to.deep.equal([
      ['2025-12', 16, true], ['2026-01', 31, false], ['2026-02', 28, false], ['2026-03', 31, false], ['2026-04', 30, false], ['2026-05', 31, false], ['2026-06', 15, true],
    ]);
    expect(r.months.at(-1)!.certifiedPct).to.equal(100);
  });

  it('gives zeros and "no figure" (null) on a database with no data at all', () => {
    const empty: ReportData = { ...fixture(), workshops: [], workers: [], profiles: new Map(), courses: new Map(), sessions: [], meetings: [], enrollments: [], attendance: [], events: [], certificates: [], evidence: new Map() };
    const r = buildReport(empty, { workshopId: null, trade: null });
    expect([r.workers, r.training.workersTrained, r.training.personHours]).to.deep.equal([0, 0, 0]);
    expect([r.training.attendance.pct, r.training.completion.pct, r.certified.certified.pct, r.coverage.coverage.pct, r.continuity.compliance.pct]).to.deep.equal([null, null, null, null, null]);
    expect(r.meanGain).to.equal(null);
    expect(r.index).to.deep.equal([]);
  });

  it('draws bar lengths to scale and writes a dash for a missing value', () => {
    const c = barChart({ id: 'x', title: 'T', desc: 'D', labelHeading: 'L', valueHeading: 'V', items: [{ label: 'a', value: 50 }, { label: 'b', value: null }], format: String, max: 100 });
    expect(c.bars[0]!.width).to.equal(190); // half of 640 − 200 − 60
    expect(c.narrow.bars[0]!.width).to.equal(128); // half of 320 − 12 − 52
    expect([c.bars[1]!.width, c.bars[1]!.text]).to.deep.equal([0, '—']);
  });
});
