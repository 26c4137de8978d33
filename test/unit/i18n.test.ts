import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { createI18n, formatters, localesDir } from '../../src/platform/i18n';

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
// Plural forms differ by language (Indonesian has one): compare the base key.
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translations', () => {
  for (const file of readdirSync(path.join(localesDir(), 'id'))) {
    it(`has the same keys in Indonesian and English: ${file}`, () => {
      const read = (lng: string) => JSON.parse(readFileSync(path.join(localesDir(), lng, file), 'utf8'));
      const id = new Set(keys(read('id')).map(base));
      const en = new Set(keys(read('en')).map(base));
      expect([...id].filter((k) => !en.has(k)), 'missing in en').to.deep.equal([]);
      expect([...en].filter((k) => !id.has(k)), 'missing in id').to.deep.equal([]);
    });
  }

  it('translates with plurals in both languages', () => {
    const i18n = createI18n();
    expect(i18n.getFixedT('id')('common:results', { count: 1 })).to.equal('1 hasil');
    expect(i18n.getFixedT('en')('common:results', { count: 1 })).to.equal('1 result');
    expect(i18n.getFixedT('en')('common:results', { count: 3 })).to.equal('3 results');
  });
});

describe('WIB formatting', () => {
  it('shows UTC instants in Asia/Jakarta time, in each language', () => {
    const at = new Date('2026-12-31T17:30:00Z'); // 1 Jan 2027, 00:30 WIB
    expect(formatters('id').dateTime(at)).to.equal('1 Jan 2027, 00.30 WIB');
    expect(formatters('en').dateTime(at)).to.equal('1 Jan 2027, 00:30 WIB');
    expect(formatters('id').weekday(at)).to.equal('Jumat');
  });

  it('builds the formatters of a language once and shares them (every page and every email asks for them)', () => {
    expect(formatters('id')).to.equal(formatters('id'));
    expect(formatters('en')).to.equal(formatters('en'));
    expect(formatters('id')).not.to.equal(formatters('en'));
    expect(Object.isFrozen(formatters('id'))).to.equal(true);
  });
});
