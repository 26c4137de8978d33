import { expect } from 'chai';
import { addMonthsWib, continuityChain, coveredUntil, daysUntilLapse, lapseDate, welderStatus } from '../../src/modules/continuity';
import { confirmForm, entryForm, parseDay } from '../../src/modules/continuity/continuity.schemas';
import { ValidationError } from '../../src/platform/errors';
import { parseForm } from '../../src/platform/http/validate';

/** An instant given as WIB wall-clock time. */
const wib = (s: string) => new Date(`${s}+07:00`);

describe('continuity rule: six calendar months in WIB', () => {
  it('keeps the day of the month six months later', () => {
    expect(addMonthsWib('2026-01-15', 6)).to.equal('2026-07-15');
    expect(addMonthsWib('2026-09-30', 6)).to.equal('2027-03-30');
    expect(addMonthsWib('2026-07-01', 6)).to.equal('2027-01-01');
  });

  it('clamps the 31st to the end of a shorter month', () => {
    expect(addMonthsWib('2026-12-31', 6)).to.equal('2027-06-30');
    expect(addMonthsWib('2026-03-31', 6)).to.equal('2026-09-30');
    expect(addMonthsWib('2026-05-31', 6)).to.equal('2026-11-30');
  });

  it('ends in February on the 28th, or the 29th in a leap year', () => {
    expect(addMonthsWib('2025-08-31', 6)).to.equal('2026-02-28');
    expect(addMonthsWib('2025-08-29', 6)).to.equal('2026-02-28');
    expect(addMonthsWib('2025-08-30', 6)).to.equal('2026-02-28');
    expect(addMonthsWib('2027-08-31', 6)).to.equal('2028-02-29');
    expect(addMonthsWib('2027-08-29', 6)).to.equal('2028-02-29');
    expect(addMonthsWib('2028-02-29', 6)).to.equal('2028-08-29');
  });

  it('moves backwards too', () => {
    expect(addMonthsWib('2026-08-31', -6)).to.equal('2026-02-28');
    expect(addMonthsWib('2026-03-15', -6)).to.equal('2025-09-15');
  });

  it('lapses at midnight WIB after the last covered day', () => {
    expect(coveredUntil(wib('2026-01-15T10:00:00'))).to.equal('2026-07-15');
    expect(lapseDate(wib('2026-01-15T10:00:00')).toISOString()).to.equal(wib('2026-07-16T00:00:00').toISOString());
    expect(lapseDate(wib('2025-08-31T08:00:00')).toISOString()).to.equal(wib('2026-03-01T00:00:00').toISOString());
    expect(lapseDate(wib('2027-08-31T08:00:00')).toISOString()).to.equal(wib('2028-03-01T00:00:00').toISOString());
    expect(lapseDate(wib('2026-12-31T08:00:00')).toISOString()).to.equal(wib('2027-07-01T00:00:00').toISOString());
  });

  it('counts the WIB day of the last use, not the UTC day', () => {
    // 1 February 01:00 WIB is still 31 January in UTC.
    const use = new Date('2026-01-31T18:00:00Z');
    expect(coveredUntil(use)).to.equal('2026-08-01');
    expect(lapseDate(use).toISOString()).to.equal(wib('2026-08-02T00:00:00').toISOString());
  });
});

describe('continuity rule: welder status at a fixed now', () => {
  const lastUse = wib('2026-01-15T09:00:00'); // lapses 16 July 2026 00:00 WIB

  it('is still covered on the day exactly six months after the last use', () => {
    expect(welderStatus(lastUse, wib('2026-07-15T23:59:59'))).to.equal('warn');
    expect(daysUntilLapse(lastUse, wib('2026-07-15T23:59:59'))).to.equal(1);
  });

  it('is lapsed from midnight WIB on the next day, and stays lapsed', () => {
    expect(welderStatus(lastUse, wib('2026-07-16T00:00:00'))).to.equal('lapsed');
    expect(daysUntilLapse(lastUse, wib('2026-07-16T00:00:00'))).to.equal(0);
    expect(welderStatus(lastUse, wib('2027-03-01T12:00:00'))).to.equal('lapsed');
  });

  it('warns from 30 days before the lapse date, not 31', () => {
    expect(welderStatus(lastUse, wib('2026-06-16T00:00:00'))).to.equal('warn');
    expect(daysUntilLapse(lastUse, wib('2026-06-16T00:00:00'))).to.equal(30);
    expect(welderStatus(lastUse, wib('2026-06-15T23:59:59'))).to.equal('ok');
    expect(daysUntilLapse(lastUse, wib('2026-06-15T23:59:59'))).to.equal(31);
  });

  it('is ok right after a use', () => {
    expect(welderStatus(lastUse, wib('2026-01-15T09:00:00'))).to.equal('ok');
  });

  it('handles a last use on 31 August before a leap February', () => {
    const use = wib('2027-08-31T10:00:00'); // covered until 29 Feb 2028
    expect(welderStatus(use, wib('2028-02-29T20:00:00'))).to.equal('warn');
    expect(welderStatus(use, wib('2028-03-01T00:00:00'))).to.equal('lapsed');
  });
});

describe('continuity forms', () => {
  it('reads dates as date inputs send them or as people type them, refusing impossible ones', () => {
    expect(parseDay('2026-03-05')).to.equal('2026-03-05');
    expect(parseDay('5/3/2026')).to.equal('2026-03-05');
    expect(parseDay('29/02/2028')).to.equal('2028-02-29');
    expect(parseDay('29/02/2026')).to.equal(null);
    expect(parseDay('kemarin')).to.equal(null);
  });

  it('refuses an entry without process, evidence or supervisor, with a message per field', () => {
    try {
      parseForm(entryForm, { process: 'MIG', date: '31/02/2026', evidence: ' ', supervisor: '' });
      expect.fail('accepted bad input');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).fields).to.deep.equal({
        process: 'continuity:validation.process', date: 'continuity:validation.date', evidence: 'validation.required', supervisor: 'validation.required',
      });
    }
  });

  it('turns the checklist into welder × process selections; one process for all overrides per-welder choices', () => {
    const a = 'a'.repeat(24);
    const b = 'b'.repeat(24);
    const body = { date: '2026-06-30', evidence: 'Rekap job', submission: 'f'.repeat(32), workers: [a, b], [`process_${a}`]: ['SMAW', 'GMAW'], [`process_${b}`]: 'GTAW' };
    expect(parseForm(confirmForm, body).selections).to.deep.equal([
      { workerId: a, processes: ['SMAW', 'GMAW'] },
      { workerId: b, processes: ['GTAW'] },
    ]);
    expect(parseForm(confirmForm, { ...body, process: 'FCAW' }).selections).to.deep.equal([
      { workerId: a, processes: ['FCAW'] },
      { workerId: b, processes: ['FCAW'] },
    ]);
    expect(() => parseForm(confirmForm, { ...body, [`process_${b}`]: 'LAS' })).to.throw(ValidationError);
    expect(() => parseForm(confirmForm, { ...body, submission: 'x' })).to.throw(ValidationError);
  });
});

describe('continuity rule: the chain of uses from the certification date', () => {
  it('carries on through uses each within six months of the previous one, and ends at the first longer gap', () => {
    expect(continuityChain('2026-01-15', ['2026-07-15', '2027-01-15'])).to.deep.equal({ lastUse: '2027-01-15', coveredUntil: '2027-07-15', usesAfterLapse: 0 });
    expect(continuityChain('2026-01-15', ['2026-07-16', '2026-08-01'])).to.deep.equal({ lastUse: '2026-01-15', coveredUntil: '2026-07-15', usesAfterLapse: 2 });
  });

  it('walks the uses in date order and ignores those before the start', () => {
    expect(continuityChain('2026-03-01', ['2026-08-20', '2025-01-01', '2026-05-01'])).to.deep.equal({ lastUse: '2026-08-20', coveredUntil: '2027-02-20', usesAfterLapse: 0 });
  });

  it('moves back by months too, clamped at month ends', () => {
    expect(addMonthsWib('2026-03-31', -6)).to.equal('2025-09-30');
    expect(addMonthsWib('2026-01-15', -1)).to.equal('2025-12-15');
  });
});
