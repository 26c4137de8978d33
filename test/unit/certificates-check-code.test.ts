import { expect } from 'chai';
import { checkCodeMatches, checkCodeOf, normaliseCheckCode, normaliseNumber, printedCheckCode } from '../../src/modules/certificates/check-code';

const CODE = 'VALIDvalidVALIDvalidVALIDvalid01';

describe('certificates: check codes and typed numbers', () => {
  it('derives 8 Crockford base32 characters (no I, L, O, U) from the long code, printed 4-4', () => {
    expect(checkCodeOf(CODE)).to.match(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(printedCheckCode(CODE)).to.equal(`${checkCodeOf(CODE).slice(0, 4)}-${checkCodeOf(CODE).slice(4)}`);
    expect(checkCodeOf(CODE)).to.equal(checkCodeOf(CODE));
    const many = new Set(Array.from({ length: 1000 }, (_, i) => checkCodeOf(`${CODE.slice(0, 28)}${String(i).padStart(4, '0')}`)));
    expect(many.size).to.equal(1000);
  });

  it('reads a typed check code whatever the case, spaces and dashes, and O/I/L as 0/1/1', () => {
    expect(normaliseCheckCode(' 7kq2-mx9d ')).to.equal('7KQ2MX9D');
    expect(normaliseCheckCode('7KQ2 MX9D')).to.equal('7KQ2MX9D');
    expect(normaliseCheckCode('O1IL-ABCD')).to.equal('0111ABCD');
    expect(normaliseCheckCode('7KQ2-MX9')).to.equal(null);
    expect(normaliseCheckCode('7KQ2-MX9U')).to.equal(null);
    expect(normaliseCheckCode('')).to.equal(null);
    expect(checkCodeMatches(CODE, normaliseCheckCode(printedCheckCode(CODE).toLowerCase())!)).to.equal(true);
    expect(checkCodeMatches(CODE, 'ZZZZZZZZ')).to.equal(checkCodeOf(CODE) === 'ZZZZZZZZ');
  });

  it('reads a typed certificate number with any case and separator, padding the sequence', () => {
    expect(normaliseNumber('TKR/2025/LAS/000001')).to.equal('TKR/2025/LAS/000001');
    expect(normaliseNumber(' tkr 2025 las 1 ')).to.equal('TKR/2025/LAS/000001');
    expect(normaliseNumber('TKR-2026-K3-000123')).to.equal('TKR/2026/K3/000123');
    expect(normaliseNumber('TKR/2025/LAS')).to.equal(null);
    expect(normaliseNumber('ABC/2025/LAS/000001')).to.equal(null);
    expect(normaliseNumber('TKR/2025/LAS/0000001')).to.equal(null);
  });
});
