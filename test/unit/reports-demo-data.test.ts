import { expect } from 'chai';
import { DEMO_CERTIFICATES, DEMO_SCHEMES } from '../../src/modules/certificates/certificates.demo-data';
import { DEMO_PROFILES } from '../../src/modules/competencies/competencies.data';
import { POSITIONS } from '../../src/modules/workers/demo-workers.data';
import { DEMO_WORKSHOPS } from '../../src/demo/workshops.data';
import { meetsCoreScheme } from '../../src/modules/reports/metrics';

/*
 * The demo's "certified workforce" depends on names agreeing across three modules' demo data: a job
 * profile's core scheme must be a certification scheme's name (the reports match exactly, case and
 * punctuation ignored). A mismatch silently reads as 0 % on /reports, so it fails here.
 */
describe('reports: demo data names agree', () => {
  it('every demo job profile\'s core scheme names exactly one demo certification scheme', () => {
    const withCore = DEMO_PROFILES.filter((p) => p.coreScheme);
    expect(withCore.length).to.be.at.least(5);
    for (const p of withCore) {
      const matches = DEMO_SCHEMES.filter((s) => meetsCoreScheme(s.name, p.coreScheme!));
      expect(matches.map((s) => s.name), `${p.position} → "${p.coreScheme}"`).to.have.length(1);
      expect(matches[0]!.trade, p.position).to.equal(p.trade);
    }
  });

  it('certificates placed in a named workshop name a demo workshop, a demo position and a demo scheme', () => {
    const positions = new Set(Object.values(POSITIONS).flatMap((list) => list.map(([p]) => p)));
    const shops = new Set(DEMO_WORKSHOPS.map((w) => w.name as string));
    const placed = DEMO_CERTIFICATES.filter((c) => typeof c.holder === 'object' && 'workshop' in c.holder);
    expect(placed.length).to.be.at.least(1);
    for (const c of placed) {
      const h = c.holder as { workshop: string; position: string };
      expect(shops.has(h.workshop), c.key).to.equal(true);
      expect(positions.has(h.position), c.key).to.equal(true);
      const core = DEMO_PROFILES.find((p) => p.position === h.position)?.coreScheme;
      const scheme = DEMO_SCHEMES.find((s) => s.key === c.scheme);
      expect(scheme && core && meetsCoreScheme(scheme.name, core), `${c.key}: the certificate is the position's core scheme`).to.equal(true);
    }
  });
});
