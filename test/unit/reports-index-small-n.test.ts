import { expect } from 'chai';
import type { LevelEvent, ProfileLookup } from '../../src/modules/competencies';
import { buildReport, competitiveness, type ReportData } from '../../src/modules/reports';
import { indexMedian, MIN_INDEX_N, type RAttendance, type RCertificate, type RWorker } from '../../src/modules/reports/metrics';
import { resolvePeriod } from '../../src/modules/reports/period';

/*
 * The competitiveness index's small-n rules, median and change, on workshops built to the numbers
 * (today 15 Jun 2026 12:00 WIB, period "12m" = 16 Jun 2025 – 15 Jun 2026; the previous period of equal
 * length ends 16 Jun 2025 00:00 WIB):
 * A  7 welders (profile with core scheme S, unit u1 ≥ 1): 5 meet u1 → coverage 5/7 = 71,4; 4 certified
 *    → 57,1 (2 of them since the previous period: 28,6 then); 6 trained in Mar 2026 → recency 85,7
 *    (0 in the year before the previous period's end). Index (71,4 + 57,1 + 85,7) ÷ 3 = 71,4; before
 *    (71,4 + 28,6 + 0) ÷ 3 = 33,3; change +38,1.
 * B  6 machinists (profile without a core scheme, u2 ≥ 1): 3 meet → 50; certified n = 0 (no scheme for
 *    the trade: left out, not 0); 6 trained in Mar 2025 and Feb 2026 → 100 both times. Index 75, change 0.
 * C  4 welders: every component rests on 4 < 5 people → no index, no rank.
 * D  8 workers: 1 welder (core scheme S, not certified: "0 of 1"), 7 machinists; coverage 4/8 = 50;
 *    recency 2/8 = 25. Index (50 + 25) ÷ 2 = 37,5 (the old rule: (50 + 0 + 25) ÷ 3 = 25).
 * E  5 workers without a position: coverage and certified n = 0; recency 5/5 = 100 (n = 5, just
 *    enough) → index 100.
 */
const NOW = new Date('2026-06-15T12:00:00+07:00');
const wib = (d: string) => new Date(`${d}T00:00:00+07:00`);
const at = (d: string) => new Date(`${d}T08:00:00+07:00`);

function fixture(): ReportData {
  const profiles = new Map<string, ProfileLookup>([
    ['juru las', { id: 'p1', position: 'Juru las', title: { id: 'x', en: 'x' }, trade: 'welding', coreScheme: 'Skema S', requirements: [{ unitId: 'u1', level: 1 }] }],
    ['operator bubut', { id: 'p2', position: 'Operator bubut', title: { id: 'x', en: 'x' }, trade: 'machining', coreScheme: '', requirements: [{ unitId: 'u2', level: 1 }] }],
  ]);
  const workers: RWorker[] = [];
  const events: LevelEvent[] = [];
  const certificates: RCertificate[] = [];
  const attendance: RAttendance[] = [];
  const add = (shop: string, count: number, position: string, trade: string, prefix = shop) =>
    Array.from({ length: count }, (_, i) => {
      const w = { id: `${prefix}${i + 1}`, name: `${prefix}${i + 1}`, workshopId: shop, trades: [trade], position };
      workers.push(w);
      return w.id;
    });
  const meets = (ids: string[], unit: string) => ids.forEach((id, i) => events.push({ id: `e-${id}-${unit}`, workerId: id, unitId: unit, kind: 'post', level: 1, assessedAt: at(`2025-01-${String(10 + i).padStart(2, '0')}`), sessionId: 's1', courseId: 'c1', enrollmentId: `en-${id}` }));
  const certify = (id: string, issued: string) => certificates.push({ id: `k-${id}`, workerId: id, holderName: id, schemeName: 'Skema S', number: `N-${id}`, verifyCode: `v-${id}`, trade: 'welding', kkniLevel: 2, issuingBody: 'LSP', issueDate: wib(issued), validity: { kind: 'fixed_term', years: 5 }, revokedAt: null, renewed: false });
  const attend = (ids: string[], meeting: string) => ids.forEach((id) => attendance.push({ meetingId: meeting, workerId: id, status: 'present' }));

  const a = add('A', 7, 'Juru las', 'welding');
  meets(a.slice(0, 5), 'u1');
  certify(a[0]!, '2024-01-10');
  certify(a[1]!, '2024-02-10');
  certify(a[2]!, '2026-03-01');
  certify(a[3]!, '2026-03-02');
  attend(a.slice(0, 6), 'm-2026-03');
  const b = add('B', 6, 'Operator bubut', 'machining');
  meets(b.slice(0, 3), 'u2');
  attend(b, 'm-2025-03');
  attend(b, 'm-2026-02');
  const c = add('C', 4, 'Juru las', 'welding');
  meets(c, 'u1');
  certify(c[0]!, '2024-01-10');
  attend(c, 'm-2026-03');
  const d = [...add('D', 1, 'Juru las', 'welding'), ...add('D', 7, 'Operator bubut', 'machining', 'Dm')];
  meets(d.slice(1, 5), 'u2');
  attend(d.slice(0, 2), 'm-2026-03');
  const e = add('E', 5, '', 'qc');
  attend(e, 'm-2026-02');

  return {
    now: NOW,
    period: resolvePeriod(NOW, '12m'),
    workshops: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, name: `CV. ${id}` })),
    workers,
    profiles,
    courses: new Map([['c1', { id: 'c1', code: 'K-01', title: { id: 'K', en: 'K' }, trade: 'welding', minAttendancePct: 80 }]]),
    sessions: [{ id: 's1', courseId: 'c1', cancelled: false }],
    meetings: ['2025-03', '2026-02', '2026-03'].map((m) => ({ id: `m-${m}`, sessionId: 's1', start: at(`${m}-05`), end: new Date(at(`${m}-05`).getTime() + 4 * 3_600_000), cancelled: false })),
    enrollments: [],
    attendance,
    events,
    certificates,
    evidence: new Map(),
  };
}

const byShop = (data = fixture()) => new Map(competitiveness(data, null).map((r) => [r.workshopId, r]));

describe('reports: the competitiveness index — small n, median, change', () => {
  it('uses a minimum of 5 people per component', () => {
    expect(MIN_INDEX_N).to.equal(5);
  });

  it('shows n per component and averages only the components with at least 5 people', () => {
    const a = byShop().get('A')!;
    expect([a.coverage, a.certified, a.recency]).to.deep.equal([
      { pct: 71.4, n: 7, enough: true },
      { pct: 57.1, n: 7, enough: true },
      { pct: 85.7, n: 7, enough: true },
    ]);
    expect(a.index).to.equal(71.4);
  });

  it('leaves out a component without basis (no scheme for the trade) instead of counting it 0', () => {
    const b = byShop().get('B')!;
    expect(b.certified).to.deep.equal({ pct: null, n: 0, enough: false });
    expect(b.index).to.equal(75); // (50 + 100) ÷ 2, not (50 + 0 + 100) ÷ 3
  });

  it('marks "0 of 1" as not enough data: one certificate no longer moves the index', () => {
    const d = byShop().get('D')!;
    expect(d.certified).to.deep.equal({ pct: 0, n: 1, enough: false });
    expect(d.index).to.equal(37.5);
    const data = fixture();
    data.certificates.push({ ...data.certificates[0]!, id: 'k-D1', workerId: 'D1', number: 'N-D1', verifyCode: 'v-D1' });
    const after = byShop(data).get('D')!;
    expect([after.certified.pct, after.certified.enough, after.index]).to.deep.equal([100, false, 37.5]);
  });

  it('gives no index and no rank when no component has 5 people; exactly 5 is enough', () => {
    const rows = competitiveness(fixture(), null);
    const c = rows.find((r) => r.workshopId === 'C')!;
    expect([c.coverage.enough, c.certified.enough, c.recency.enough, c.index, c.rank]).to.deep.equal([false, false, false, null, null]);
    const e = rows.find((r) => r.workshopId === 'E')!;
    expect([e.recency.n, e.recency.enough, e.index]).to.deep.equal([5, true, 100]);
    // Ranked among workshops with an index; the one without follows, unranked.
    expect(rows.map((r) => [r.workshopId, r.index, r.rank])).to.deep.equal([['E', 100, 1], ['B', 75, 2], ['A', 71.4, 3], ['D', 37.5, 4], ['C', null, null]]);
  });

  it('reports the LIK median across workshops with an index (even count: mean of the middle two)', () => {
    expect(buildReport(fixture(), { workshopId: 'A', trade: null }).indexMedian).to.equal(73.2); // (71,4 + 75) ÷ 2
    expect(indexMedian([{ index: 10 }, { index: null }, { index: 30 }, { index: 20 }])).to.equal(20);
    expect(indexMedian([{ index: null }])).to.equal(null);
  });

  it('gives the change against the previous period of equal length, as of its end', () => {
    const m = byShop();
    expect([m.get('A')!.previous, m.get('A')!.change]).to.deep.equal([33.3, 38.1]);
    expect([m.get('B')!.previous, m.get('B')!.change]).to.deep.equal([75, 0]);
    // E trained only in Feb 2026: recency 0 of 5 before (enough people, so an index of 0), 100 now.
    // C never had 5 people behind a component: no index then or now, no change to show.
    expect([m.get('E')!.previous, m.get('E')!.change]).to.deep.equal([0, 100]);
    expect([m.get('C')!.previous, m.get('C')!.change]).to.deep.equal([null, null]);
  });
});
