import { expect } from 'chai';
import {
  currentLevelsFrom,
  gain,
  levelGap,
  normalisedGain,
  neutralise,
  periodOf,
  rollupGains,
  type GainRow,
  type LevelEvent,
} from '../../src/modules/competencies';
import { pairEvents } from '../../src/modules/competencies/gains';
import { matrixQuery, profileForm } from '../../src/modules/competencies/competencies.schemas';
import { matrixWorkshop } from '../../src/modules/competencies/competencies.policy';
import { positionKey } from '../../src/modules/competencies';
import { parseForm } from '../../src/platform/http/validate';
import { ValidationError } from '../../src/platform/errors';

const at = (iso: string) => new Date(iso);
let n = 0;
const ev = (o: Partial<LevelEvent> & { level: number; assessedAt: Date }): LevelEvent => ({
  id: String(++n).padStart(24, '0'), workerId: 'w1', unitId: 'u1', kind: 'pre', sessionId: 's1', courseId: 'c1', enrollmentId: 'e1', ...o,
});
const row = (o: Partial<GainRow>): GainRow => {
  const r = { enrollmentId: 'e', sessionId: 's', courseId: 'c1', trade: 'welding', workerId: 'w1', workshopId: 'ws1', unitId: 'u1', ...o };
  return { ...r, gain: gain(r.pre, r.post), normalisedGain: normalisedGain(r.pre, r.post) };
};

describe('competencies: gains and gaps', () => {
  it('computes gain = post − pre and normalised gain = (post − pre) / (4 − pre)', () => {
    expect(gain(1, 3)).to.equal(2);
    expect(gain(3, 2)).to.equal(-1);
    expect(normalisedGain(1, 3)).to.be.closeTo(2 / 3, 1e-9);
    expect(normalisedGain(0, 4)).to.equal(1);
    expect(normalisedGain(2, 2)).to.equal(0);
    expect(normalisedGain(3, 2)).to.equal(-1);
  });

  it('leaves the normalised gain undefined at pre = 4, and both undefined without a pre or a post', () => {
    expect(gain(4, 4)).to.equal(0);
    expect(normalisedGain(4, 4)).to.equal(undefined);
    expect(normalisedGain(4, 3)).to.equal(undefined);
    for (const [pre, post] of [[undefined, 3], [2, undefined], [null, 1], [undefined, undefined]] as const) {
      expect(gain(pre, post)).to.equal(undefined);
      expect(normalisedGain(pre, post)).to.equal(undefined);
    }
  });

  it('measures the gap as required − current, never below 0; never assessed counts as 0, no requirement as no gap', () => {
    expect(levelGap(3, 1)).to.equal(2);
    expect(levelGap(3, 3)).to.equal(0);
    expect(levelGap(2, 4)).to.equal(0);
    expect(levelGap(3, null)).to.equal(3);
    expect(levelGap(undefined, 1)).to.equal(0);
    expect(levelGap(null, null)).to.equal(0);
  });

  it('takes the latest assessed level of any kind as current; on the same day the post-assessment wins', () => {
    const events = [
      ev({ level: 1, assessedAt: at('2026-01-05T05:00:00Z') }),
      ev({ level: 3, kind: 'post', assessedAt: at('2026-03-02T05:00:00Z') }),
      ev({ level: 2, kind: 'pre', assessedAt: at('2026-06-01T05:00:00Z') }),
      ev({ level: 4, kind: 'post', assessedAt: at('2026-02-01T05:00:00Z'), unitId: 'u2' }),
      ev({ level: 1, kind: 'pre', assessedAt: at('2026-02-01T05:00:00Z'), unitId: 'u2' }),
      ev({ level: 0, assessedAt: at('2026-01-01T05:00:00Z'), workerId: 'w2' }),
    ];
    const current = currentLevelsFrom(events);
    expect(current.get('w1')!.get('u1')!.level).to.equal(2);
    expect(current.get('w1')!.get('u2')!.level).to.equal(4);
    expect(current.get('w2')!.get('u1')!.level).to.equal(0);
    expect(currentLevelsFrom([]).size).to.equal(0);
  });

  it('pairs pre and post per enrolment and unit, leaving gains undefined where one is missing', () => {
    const rows = pairEvents(
      [
        ev({ level: 1, enrollmentId: 'e1', assessedAt: at('2026-01-05T05:00:00Z') }),
        ev({ level: 3, kind: 'post', enrollmentId: 'e1', assessedAt: at('2026-01-09T05:00:00Z') }),
        ev({ level: 2, enrollmentId: 'e2', assessedAt: at('2026-02-05T05:00:00Z') }),
      ],
      () => ({ trade: 'welding', workshopId: 'ws1' }),
    );
    const e1 = rows.find((r) => r.enrollmentId === 'e1')!;
    expect(e1).to.deep.include({ pre: 1, post: 3, gain: 2, trade: 'welding', workshopId: 'ws1' });
    expect(e1.normalisedGain).to.be.closeTo(2 / 3, 1e-9);
    const e2 = rows.find((r) => r.enrollmentId === 'e2')!;
    expect([e2.pre, e2.post, e2.gain, e2.normalisedGain]).to.deep.equal([2, undefined, undefined, undefined]);
  });
});

describe('competencies: roll-ups', () => {
  const rows = [
    row({ workerId: 'w1', pre: 0, post: 2, postAt: at('2026-01-10T05:00:00Z'), preAt: at('2026-01-06T05:00:00Z') }),
    row({ workerId: 'w1', pre: 2, post: 3, unitId: 'u2', postAt: at('2026-04-02T05:00:00Z'), courseId: 'c2', trade: 'safety' }),
    row({ workerId: 'w2', pre: 4, post: 4, workshopId: 'ws2', postAt: at('2026-04-03T05:00:00Z') }),
    row({ workerId: 'w2', pre: 1, workshopId: 'ws2', preAt: at('2026-12-31T18:00:00Z') }),
  ];

  it('averages gains over complete pairs and normalised gains over pairs with pre < 4, per worker', () => {
    const [w1, w2] = rollupGains(rows, 'worker');
    expect(w1).to.deep.include({ key: 'w1', rows: 2, pairs: 2, meanPre: 1, meanPost: 2.5, meanGain: 1.5, normalisedPairs: 2 });
    expect(w1!.meanNormalisedGain).to.be.closeTo((0.5 + 0.5) / 2, 1e-9);
    expect(w2).to.deep.include({ key: 'w2', rows: 2, pairs: 1, meanGain: 0, normalisedPairs: 0, meanNormalisedGain: undefined });
  });

  it('groups by course, workshop, trade and unit', () => {
    expect(rollupGains(rows, 'course').map((g) => [g.key, g.pairs])).to.deep.equal([['c1', 2], ['c2', 1]]);
    expect(rollupGains(rows, 'workshop').map((g) => [g.key, g.rows])).to.deep.equal([['ws1', 2], ['ws2', 2]]);
    expect(rollupGains(rows, 'trade').map((g) => [g.key, g.meanGain])).to.deep.equal([['safety', 1], ['welding', 1]]);
    expect(rollupGains(rows, 'unit').map((g) => g.key)).to.deep.equal(['u1', 'u2']);
  });

  it('groups by WIB month, quarter and year of the post-assessment (else the pre)', () => {
    expect(rollupGains(rows, 'month').map((g) => [g.key, g.rows])).to.deep.equal([['2026-01', 1], ['2026-04', 2], ['2027-01', 1]]);
    expect(rollupGains(rows, 'quarter').map((g) => g.key)).to.deep.equal(['2026-Q1', '2026-Q2', '2027-Q1']);
    expect(rollupGains(rows, 'year').map((g) => [g.key, g.pairs])).to.deep.equal([['2026', 3], ['2027', 0]]);
    expect(periodOf(at('2026-03-31T17:30:00Z'), 'quarter')).to.equal('2026-Q2');
  });

  it('gives nothing for no rows, and no means for a group without pairs', () => {
    expect(rollupGains([], 'worker')).to.deep.equal([]);
    const [only] = rollupGains([row({ pre: 2 })], 'worker');
    expect(only).to.deep.equal({ key: 'w1', rows: 1, pairs: 0, meanPre: undefined, meanPost: undefined, meanGain: undefined, normalisedPairs: 0, meanNormalisedGain: undefined });
  });
});

describe('competencies: forms, policy, export safety', () => {
  const A = 'a'.repeat(24);
  const B = 'b'.repeat(24);
  const fields = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ValidationError) return err.fields;
      throw err;
    }
    return {};
  };

  it('reads the job profile form with its requirement rows', () => {
    const parsed = parseForm(profileForm, { position: ' Juru  las SMAW 3G ', title_id: 'Juru Las', trade: 'welding', reqUnit: [A, '', B], reqLevel: ['3', '2', '2'] });
    expect(parsed).to.deep.include({ position: 'Juru las SMAW 3G', coreScheme: '', title_en: '' });
    expect(parsed.requirements).to.deep.equal([{ unit: A, level: 3 }, { unit: B, level: 2 }]);
    expect(fields(() => parseForm(profileForm, { position: '', title_id: '', trade: 'x', reqUnit: [A, A], reqLevel: ['5', '1'] }))).to.deep.equal({
      position: 'validation.required', title_id: 'validation.required', trade: 'competencies:validation.trade', requirements: 'competencies:validation.level',
    });
    expect(fields(() => parseForm(profileForm, { position: 'P', title_id: 'T', trade: 'qc', reqUnit: [A, A], reqLevel: ['1', '2'] }))).to.deep.equal({ requirements: 'competencies:validation.unit_twice' });
    expect(fields(() => parseForm(profileForm, { position: 'P', title_id: 'T', trade: 'qc' }))).to.deep.equal({ requirements: 'competencies:validation.requirements_required' });
  });

  it('compares positions ignoring case and spacing', () => {
    expect(positionKey('  Juru  las SMAW 3G ')).to.equal(positionKey('juru las smaw 3g'));
  });

  it('refuses malformed matrix filters (a 400) and fills in defaults for empty ones', () => {
    for (const bad of [{ workshop: 'x' }, { trade: 'carpentry' }, { sort: 'drop' }, { gaps: 'yes' }, { page: '0' }, { page: '2.5' }, { page: '999999' }]) {
      expect(matrixQuery.safeParse(bad).success, JSON.stringify(bad)).to.equal(false);
    }
    expect(matrixQuery.parse({ workshop: '', trade: '', sort: '', position: '', gaps: '', page: '' })).to.deep.equal({ workshop: undefined, trade: undefined, position: undefined, sort: 'name', gaps: false, page: 1 });
    expect(matrixQuery.parse({ workshop: A, trade: 'qc', sort: 'gap', position: 'Staf QC', gaps: '1', page: '3' })).to.deep.equal({ workshop: A, trade: 'qc', position: 'Staf QC', sort: 'gap', gaps: true, page: 3 });
  });

  it('scopes the matrix: coordinators choose any workshop, a manager only their own', () => {
    expect(matrixWorkshop({ id: 'u', roles: ['coordinator'] }, undefined)).to.equal(undefined);
    expect(matrixWorkshop({ id: 'u', roles: ['admin'] }, A)).to.equal(A);
    expect(matrixWorkshop({ id: 'u', roles: ['manager'], workshopId: B }, undefined)).to.equal(B);
    expect(matrixWorkshop({ id: 'u', roles: ['manager'], workshopId: B }, B)).to.equal(B);
    expect(() => matrixWorkshop({ id: 'u', roles: ['manager'], workshopId: B }, A)).to.throw('forbidden');
    expect(() => matrixWorkshop({ id: 'u', roles: ['manager'] }, undefined)).to.throw('forbidden');
    expect(() => matrixWorkshop({ id: 'u', roles: ['worker'] }, undefined)).to.throw('forbidden');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const v of ['=1+2', '+62812', '-5', '@SUM(A1)', '\t=x', '\r=x']) expect(neutralise(v)).to.equal(`'${v}`);
    for (const v of ['Budi', 'C.24LAS01.029.1', '', "'already"]) expect(neutralise(v)).to.equal(v);
  });
});
