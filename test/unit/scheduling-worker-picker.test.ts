import { expect } from 'chai';
import { pickerFilter } from '../../src/modules/scheduling/worker-picker';

const clauses = (f: Record<string, unknown>) => (f.$or as Record<string, unknown>[]).map((c) => Object.keys(c)[0]);

describe('worker picker filter', () => {
  it('searches NIK only for those who may see it', () => {
    expect(clauses(pickerFilter('3328014505', [], true))).to.include('nik');
    expect(clauses(pickerFilter('3328014505', [], false))).to.deep.equal(['name', 'phone']);
  });

  it('matches a phone typed with a leading 0 against the +62 record, and only for number-like queries', () => {
    const phone = (pickerFilter('0812 3456', [], false).$or as { phone?: RegExp }[]).find((c) => c.phone)!.phone!;
    expect(phone.test('+6281234567890')).to.equal(true);
    expect(clauses(pickerFilter('Tarmuji', [], true))).to.deep.equal(['name']);
  });

  it('treats the query as text, not as a pattern, and keeps to active workers', () => {
    const f = pickerFilter('a.*(', ['0123456789abcdef01234567'], false);
    expect(f.active).to.equal(true);
    const name = (f.$or as { name?: RegExp }[])[0]!.name!;
    expect(name.test('Tarmuji')).to.equal(false);
    expect(name.test('xa.*(y')).to.equal(true);
    expect(clauses(f)).to.deep.equal(['name', 'workshop']);
  });
});
