import { expect } from 'chai';
import { SHEET_NAMES } from '../../src/modules/reports/export-names';
import { TABLES } from '../../src/modules/reports/reports.schemas';

describe('reports: XLSX sheet names', () => {
  for (const lng of ['id', 'en'] as const) {
    it(`names every table in ${lng} within Excel's 31 characters, without forbidden characters, each name unique`, () => {
      const names = TABLES.map((k) => SHEET_NAMES[lng][k]);
      for (const n of names) {
        expect(n, n).to.be.a('string').and.have.length.within(1, 31);
        expect(n, n).not.to.match(/[\\/?*[\]:]/);
        expect(n.trim(), n).to.equal(n);
      }
      // Excel compares sheet names without case.
      expect(new Set(names.map((n) => n.toLowerCase())).size).to.equal(names.length);
    });
  }
});
