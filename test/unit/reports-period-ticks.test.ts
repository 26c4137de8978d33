import { expect } from 'chai';
import { niceTicks } from '../../src/modules/reports/charts';
import { bucketCoverage, bucketName, periodBuckets, previousPeriod, resolvePeriod } from '../../src/modules/reports/period';

/** Periods that are what they say (rolling), partial months marked, month names, round axis ticks. */
describe('reports: periods and axis ticks', () => {
  const DEC2 = new Date('2026-12-02T13:20:00+07:00');

  it('"last 12 months" on 2 Dec 2026 is 3 Dec 2025 – 2 Dec 2026, not the same as "this year"', () => {
    const p = resolvePeriod(DEC2, '12m');
    expect([p.fromDate, p.toDate]).to.deep.equal(['2025-12-03', '2026-12-02']);
    const ytd = resolvePeriod(DEC2, 'ytd');
    expect([ytd.fromDate, ytd.toDate]).to.deep.equal(['2026-01-01', '2026-12-02']);
    expect(p.from.toISOString()).to.equal('2025-12-02T17:00:00.000Z'); // midnight WIB
  });

  it('"last 3 / 6 / 24 months" are rolling too; a shorter month clamps (31 May − 3 months → from 1 Mar)', () => {
    expect(['3m', '6m', '24m'].map((k) => resolvePeriod(DEC2, k as '3m').fromDate)).to.deep.equal(['2026-09-03', '2026-06-03', '2024-12-03']);
    expect(resolvePeriod(new Date('2026-05-31T09:00:00+07:00'), '3m').fromDate).to.equal('2026-03-01');
    expect(resolvePeriod(new Date('2024-02-29T09:00:00+07:00'), '12m').fromDate).to.equal('2023-03-01');
  });

  it('marks the first and the current month as partial, with the days counted', () => {
    const p = resolvePeriod(DEC2, '3m');
    const { months } = periodBuckets(p);
    expect(months).to.deep.equal(['2026-09', '2026-10', '2026-11', '2026-12']);
    expect(months.map((m) => bucketCoverage(m, p))).to.deep.equal([
      { days: 28, fullDays: 30, partial: true },
      { days: 31, fullDays: 31, partial: false },
      { days: 30, fullDays: 30, partial: false },
      { days: 2, fullDays: 31, partial: true },
    ]);
    // A custom period of whole months in the past has no partial month; its quarter is partial.
    const past = resolvePeriod(DEC2, '12m', { from: '2026-01-01', to: '2026-02-28' });
    expect(periodBuckets(past).months.map((m) => bucketCoverage(m, past).partial)).to.deep.equal([false, false]);
    expect(bucketCoverage('2026-Q1', past)).to.deep.equal({ days: 59, fullDays: 90, partial: true });
  });

  it('the previous period has the same length and ends the day before', () => {
    const prev = previousPeriod(resolvePeriod(DEC2, '3m'));
    expect([prev.fromDate, prev.toDate]).to.deep.equal(['2026-06-04', '2026-09-02']); // 91 days each
    expect(prev.asOf.toISOString()).to.equal('2026-09-02T17:00:00.000Z');
  });

  it('names months and quarters in the page\'s language', () => {
    expect(bucketName('2026-12', 'id')).to.equal('Des 2026');
    expect(bucketName('2026-12', 'en')).to.equal('Dec 2026');
    expect(bucketName('2026-08', 'id')).to.equal('Agu 2026');
    expect(bucketName('2026-Q4', 'id')).to.equal('Tw IV 2026');
    expect(bucketName('2026-Q4', 'en')).to.equal('Q4 2026');
  });

  it('puts axis ticks on round numbers', () => {
    expect(niceTicks(100)).to.deep.equal([0, 25, 50, 75, 100]);
    // The maximum of the old "31,8 / 63,5 / 95,3" axis.
    expect(niceTicks(127)).to.deep.equal([0, 50, 100, 150]);
    expect(niceTicks(95.3)).to.deep.equal([0, 25, 50, 75, 100]);
    expect(niceTicks(4)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(niceTicks(0.3)).to.deep.equal([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(2480)).to.deep.equal([0, 500, 1000, 1500, 2000, 2500]);
  });

  it('keeps count axes whole and copes with nothing to draw', () => {
    expect(niceTicks(3, { integer: true })).to.deep.equal([0, 1, 2, 3]);
    expect(niceTicks(7, { integer: true })).to.deep.equal([0, 2, 4, 6, 8]);
    expect(niceTicks(10, { integer: true })).to.deep.equal([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(1, { integer: true })).to.deep.equal([0, 1]);
    expect(niceTicks(0, { integer: true })).to.deep.equal([0, 1]);
    expect(niceTicks(0)).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
  });
});
