import { expect } from 'chai';
import { addMonths, certificateStatus, daysBetween, type Evidence, type StatusFacts } from '../../src/modules/certificates/validity';
import { detectScanType, nameMatchesType } from '../../src/modules/certificates/scan';
import { formatNumber, NUMBER_PATTERN } from '../../src/modules/certificates/numbering';
import { wibToUtc } from '../../src/platform/time';

/** An instant on a WIB calendar day (noon unless a time is given): the injected clock. */
const at = (date: string, time = '12:00') => wibToUtc(date, time)!;
const fixed = (issue: string, years?: number): StatusFacts => ({ issueDate: at(issue, '00:00'), validity: { kind: 'fixed_term', years } });
const continuity = (issue: string, process = 'SMAW'): StatusFacts => ({ issueDate: at(issue, '00:00'), validity: { kind: 'continuity', process } });
const periodic = (issue: string, process = 'GMAW'): StatusFacts => ({ issueDate: at(issue, '00:00'), validity: { kind: 'periodic', process } });
const use = (date: string, process = 'SMAW'): Evidence => ({ process, date: at(date, '09:00'), kind: 'use' });
const weld = (date: string, process = 'GMAW'): Evidence => ({ process, date: at(date, '09:00'), kind: 'test_weld' });

describe('certificates: calendar arithmetic in WIB', () => {
  it('adds months on the same day of the month, clamped to the end of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).to.equal('2026-07-15');
    expect(addMonths('2026-08-31', 6)).to.equal('2027-02-28');
    expect(addMonths('2027-08-31', 6)).to.equal('2028-02-29');
    expect(addMonths('2024-02-29', 12)).to.equal('2025-02-28');
    expect(addMonths('2024-02-29', 48)).to.equal('2028-02-29');
    expect(addMonths('2026-03-31', -6)).to.equal('2025-09-30');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
  });

  it('counts whole days between calendar dates', () => {
    expect(daysBetween('2026-02-09', '2026-05-10')).to.equal(90);
    expect(daysBetween('2026-05-11', '2026-05-10')).to.equal(-1);
  });
});

describe('certificates: fixed-term validity', () => {
  const cert = fixed('2023-05-10', 3);

  it('is valid until the anniversary, which is its last day ("expires today": expiring, 0 days left)', () => {
    const s = certificateStatus(cert, [], at('2026-05-10', '23:59'));
    expect(s).to.include({ status: 'expiring', validUntil: '2026-05-10', endsOn: '2026-05-11', daysLeft: 0 });
  });

  it('is expired from the next WIB day on, at midnight WIB rather than UTC', () => {
    expect(certificateStatus(cert, [], new Date('2026-05-10T16:59:59Z')).status).to.equal('expiring');
    const s = certificateStatus(cert, [], new Date('2026-05-10T17:00:00Z'));
    expect(s).to.include({ status: 'expired', validUntil: '2026-05-10', daysLeft: null });
  });

  it('is expiring exactly 90 days before its last day and valid at 91', () => {
    expect(certificateStatus(cert, [], at('2026-02-09'))).to.include({ status: 'expiring', daysLeft: 90 });
    expect(certificateStatus(cert, [], at('2026-02-08'))).to.include({ status: 'valid', daysLeft: 91 });
  });

  it('runs three years when the scheme gives no term', () => {
    expect(certificateStatus(fixed('2023-05-10'), [], at('2024-01-01')).validUntil).to.equal('2026-05-10');
  });

  it('issued on 29 February ends on 28 February of a common year and on 29 February of a leap year', () => {
    expect(certificateStatus(fixed('2024-02-29', 3), [], at('2027-02-28'))).to.include({ status: 'expiring', validUntil: '2027-02-28', daysLeft: 0 });
    expect(certificateStatus(fixed('2024-02-29', 3), [], at('2027-03-01')).status).to.equal('expired');
    expect(certificateStatus(fixed('2024-02-29', 4), [], at('2028-02-29'))).to.include({ status: 'expiring', validUntil: '2028-02-29' });
  });
});

describe('certificates: rolling continuity (AWS D1.1, ISO 9606-1, PER.02/MEN/1982)', () => {
  const cert = continuity('2025-09-10');

  it('is valid through exactly six months after the last logged use of the process, and lapsed the day after', () => {
    const log = [use('2025-10-01'), use('2026-01-15')];
    expect(certificateStatus(cert, log, at('2026-07-15', '23:59'))).to.include({ status: 'expiring', validUntil: '2026-07-15', daysLeft: 0, lastUse: '2026-01-15' });
    expect(certificateStatus(cert, log, at('2026-07-16', '00:00'))).to.include({ status: 'lapsed', validUntil: '2026-07-15', endsOn: '2026-07-16', lastUse: '2026-01-15' });
  });

  it('counts from the issue date while no later use is logged', () => {
    expect(certificateStatus(continuity('2026-01-31'), [use('2025-12-01')], at('2026-03-01'))).to.include({ validUntil: '2026-07-31', lastUse: '2026-01-31' });
  });

  it('ignores other processes and entries dated after today', () => {
    const log = [use('2026-01-15'), use('2026-05-01', 'GMAW'), use('2026-09-01')];
    expect(certificateStatus(cert, log, at('2026-08-01'))).to.include({ status: 'lapsed', lastUse: '2026-01-15' });
  });

  it('counts a test weld of the process as a use', () => {
    expect(certificateStatus(cert, [weld('2026-02-01', 'SMAW')], at('2026-03-01')).lastUse).to.equal('2026-02-01');
  });

  it('clamps six months after 31 August to the end of February (29th in a leap year)', () => {
    expect(certificateStatus(continuity('2023-03-01'), [use('2023-08-31')], at('2024-02-29'))).to.include({ status: 'expiring', validUntil: '2024-02-29' });
    expect(certificateStatus(continuity('2025-03-01'), [use('2025-08-31')], at('2026-03-01'))).to.include({ status: 'lapsed', validUntil: '2026-02-28' });
  });

  it('is "expiring" while the lapse is at most 90 days ahead', () => {
    const log = [use('2026-01-15')];
    expect(certificateStatus(cert, log, at('2026-04-16'))).to.include({ status: 'expiring', daysLeft: 90 });
    expect(certificateStatus(cert, log, at('2026-04-15'))).to.include({ status: 'valid', daysLeft: 91 });
  });
});

describe('certificates: continuity is a chain of uses from the certification date; a break ends it', () => {
  const state = (issue: string, uses: string[], today: string) => certificateStatus(continuity(issue), uses.map((d) => use(d)), at(today));

  it('is still valid on the day exactly six months after the last use, and lapsed the day after', () => {
    expect(state('2025-12-01', ['2026-01-15'], '2026-07-15')).to.include({ status: 'expiring', validUntil: '2026-07-15', daysLeft: 0 });
    expect(state('2025-12-01', ['2026-01-15'], '2026-07-16')).to.include({ status: 'lapsed', endsOn: '2026-07-16', needsRetest: false });
  });

  it('carries on when the next use is exactly six months later, and has lapsed when it is six months and a day later', () => {
    expect(state('2026-01-15', ['2026-07-15'], '2026-08-01')).to.include({ status: 'valid', validUntil: '2027-01-15', lastUse: '2026-07-15' });
    expect(state('2026-01-15', ['2026-07-16'], '2026-08-01')).to.include({ status: 'lapsed', validUntil: '2026-07-15', lastUse: '2026-01-15', needsRetest: true });
  });

  it('clamps at month ends: a use on 31 August carries to 28 February, or 29 February in a leap year', () => {
    expect(state('2025-08-31', ['2026-02-28'], '2026-03-10')).to.include({ status: 'valid', lastUse: '2026-02-28' });
    expect(state('2025-08-31', ['2026-03-01'], '2026-03-10')).to.include({ status: 'lapsed', validUntil: '2026-02-28', needsRetest: true });
    expect(state('2023-08-31', ['2024-02-29'], '2024-03-10')).to.include({ status: 'valid', lastUse: '2024-02-29' });
    expect(state('2023-08-31', ['2024-03-01'], '2024-03-10')).to.include({ status: 'lapsed', validUntil: '2024-02-29' });
  });

  it('counts 29 February forward to 29 August, for a use and for the certification date', () => {
    expect(state('2024-01-10', ['2024-02-29', '2024-08-29'], '2024-09-01')).to.include({ status: 'valid', lastUse: '2024-08-29' });
    expect(state('2024-01-10', ['2024-02-29', '2024-08-30'], '2024-09-01')).to.include({ status: 'lapsed', validUntil: '2024-08-29' });
    expect(state('2024-02-29', [], '2024-08-29')).to.include({ status: 'expiring', validUntil: '2024-08-29', daysLeft: 0 });
    expect(state('2024-02-29', [], '2024-08-30')).to.include({ status: 'lapsed', endsOn: '2024-08-30' });
  });

  it('stays lapsed whatever is logged after the lapse (Aris Hakim: last use 30 Mar, lapsed 1 Oct, used again 2 Dec)', () => {
    const s = state('2025-11-20', ['2026-03-30', '2026-12-02'], '2026-12-03');
    expect(s).to.include({ status: 'lapsed', validUntil: '2026-09-30', endsOn: '2026-10-01', lastUse: '2026-03-30', needsRetest: true });
    expect(state('2025-11-20', ['2026-03-30', '2026-12-02', '2027-01-05'], '2027-01-06')).to.include({ status: 'lapsed', lastUse: '2026-03-30' });
  });

  it('chains forward through uses each within six months of the previous one', () => {
    expect(state('2025-01-10', ['2025-06-01', '2025-11-20', '2026-05-10'], '2026-06-01')).to.include({ status: 'valid', validUntil: '2026-11-10', lastUse: '2026-05-10', needsRetest: false });
  });
});

describe('certificates: periodic evidence (ISO 9606-1 route b)', () => {
  const cert = periodic('2024-03-10');

  it('needs two test welds within the six months up to each two-year checkpoint, both ends included', () => {
    const log = [weld('2025-09-10'), weld('2026-03-10')];
    expect(certificateStatus(cert, log, at('2026-03-11'))).to.include({ status: 'valid', validUntil: '2028-03-10' });
  });

  it('has expired at the checkpoint when fewer than two test welds fall in the window', () => {
    const log = [weld('2025-09-09'), weld('2026-01-01'), use('2026-02-01', 'GMAW')];
    expect(certificateStatus(cert, log, at('2026-03-11'))).to.include({ status: 'expired', validUntil: '2026-03-10', endsOn: '2026-03-11' });
  });

  it('is expiring up to the checkpoint while the test welds are missing (0 days left on the checkpoint)', () => {
    expect(certificateStatus(cert, [], at('2026-03-10'))).to.include({ status: 'expiring', daysLeft: 0 });
    expect(certificateStatus(cert, [], at('2025-12-10'))).to.include({ status: 'expiring', daysLeft: 90 });
    expect(certificateStatus(cert, [], at('2025-12-09'))).to.include({ status: 'valid', daysLeft: 91 });
  });

  it('is valid to the next checkpoint once this one is met, even before the checkpoint date', () => {
    expect(certificateStatus(cert, [weld('2025-10-01'), weld('2025-11-01')], at('2025-12-01'))).to.include({ status: 'valid', validUntil: '2028-03-10' });
  });

  it('expires at a later checkpoint that was not met', () => {
    const log = [weld('2025-10-01'), weld('2025-11-01'), weld('2027-12-01')];
    expect(certificateStatus(cert, log, at('2028-03-11'))).to.include({ status: 'expired', validUntil: '2028-03-10' });
  });

  it('counts only test welds of its own process', () => {
    expect(certificateStatus(cert, [weld('2025-10-01', 'SMAW'), weld('2025-11-01', 'SMAW')], at('2026-03-11')).status).to.equal('expired');
  });

  it('from 29 February has its checkpoint on 28 February two years later', () => {
    expect(certificateStatus(periodic('2024-02-29'), [], at('2026-02-28'))).to.include({ status: 'expiring', validUntil: '2026-02-28', daysLeft: 0 });
    expect(certificateStatus(periodic('2024-02-29'), [], at('2026-03-01')).status).to.equal('expired');
  });
});

describe('certificates: indefinite and revoked', () => {
  it('an indefinite certificate stays valid with no end date', () => {
    const s = certificateStatus({ issueDate: at('2001-01-01'), validity: { kind: 'indefinite' } }, [], at('2040-01-01'));
    expect(s).to.deep.equal({ status: 'valid', validUntil: null, endsOn: null, daysLeft: null, lastUse: null, needsRetest: false });
  });

  it('a revoked certificate is revoked whatever its dates say', () => {
    const revoked = { ...fixed('2025-01-01', 3), revokedAt: at('2025-06-01') };
    expect(certificateStatus(revoked, [], at('2025-07-01'))).to.include({ status: 'revoked', daysLeft: null, validUntil: '2028-01-01' });
    expect(certificateStatus({ ...revoked, issueDate: at('2020-01-01') }, [], at('2025-07-01')).status).to.equal('revoked');
  });
});

describe('certificates: numbers and scans', () => {
  it('formats numbers as TKR/<year>/<trade code>/<six-digit sequence>', () => {
    expect(formatNumber(2026, 'welding', 123)).to.equal('TKR/2026/LAS/000123');
    expect(formatNumber(2025, 'safety', 7)).to.match(NUMBER_PATTERN);
  });

  it('knows PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(detectScanType(Buffer.from('%PDF-1.7\n'))).to.equal('application/pdf');
    expect(detectScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).to.equal('image/png');
    expect(detectScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).to.equal('image/jpeg');
    expect(detectScanType(Buffer.from('hello, this is text'))).to.equal(null);
    expect(detectScanType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).to.equal(null);
  });

  it('refuses a name whose extension names another type than the content', () => {
    expect(nameMatchesType('ijazah.PDF', 'application/pdf')).to.equal(true);
    expect(nameMatchesType('scan.jpeg', 'image/jpeg')).to.equal(true);
    expect(nameMatchesType('scan.pdf', 'image/png')).to.equal(false);
    expect(nameMatchesType('scan.exe', 'application/pdf')).to.equal(false);
    expect(nameMatchesType('scan', 'image/png')).to.equal(true);
  });
});
