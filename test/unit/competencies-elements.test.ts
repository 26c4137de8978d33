import { expect } from 'chai';
import {
  elementRowsFromBody,
  hasElementFields,
  numberElements,
  parseElementRows,
  toElementRows,
} from '../../src/modules/catalogue/competency-unit-elements';
import { DEMO_UNITS } from '../../src/modules/catalogue/catalogue.data';
import { DEMO_ELEMENTS, DEMO_PROFILES } from '../../src/modules/competencies/competencies.data';
import { POSITIONS } from '../../src/modules/workers/demo-workers.data';
import { positionKey } from '../../src/modules/competencies';

describe('competency units: elements and performance criteria (KUK)', () => {
  it('zips the repeated element fields into rows, skipping empty ones', () => {
    const body = { el_title_id: ['Menyiapkan', '', 'Memeriksa'], el_title_en: ['Prepare', '', ''], el_kuk_id: ['a\nb', '', 'c'], el_kuk_en: ['A\nB', '', ''] };
    expect(elementRowsFromBody(body)).to.deep.equal([
      { title_id: 'Menyiapkan', title_en: 'Prepare', kuk_id: 'a\nb', kuk_en: 'A\nB' },
      { title_id: 'Memeriksa', title_en: '', kuk_id: 'c', kuk_en: '' },
    ]);
    expect(hasElementFields(body)).to.equal(true);
    expect(hasElementFields({ code: 'x' })).to.equal(false);
  });

  it('turns rows into elements, dropping pasted numbers and blank lines; KUK are numbered when shown', () => {
    const { elements, errors } = parseElementRows([
      { title_id: '1. Menyiapkan pengelasan', title_en: 'Prepare the weld', kuk_id: '1.1 WPS dibaca\r\n\r\n1.2 Kampuh disiapkan', kuk_en: 'WPS read\nGroove prepared' },
      { title_id: 'Memeriksa hasil las', title_en: '', kuk_id: 'Cacat diperiksa', kuk_en: '' },
    ]);
    expect(errors).to.deep.equal({});
    expect(elements[0]).to.deep.equal({
      title: { id: 'Menyiapkan pengelasan', en: 'Prepare the weld' },
      criteria: [{ text: { id: 'WPS dibaca', en: 'WPS read' } }, { text: { id: 'Kampuh disiapkan', en: 'Groove prepared' } }],
    });
    const en = numberElements(elements, 'en');
    expect(en.map((e) => [e.no, e.title, e.lang])).to.deep.equal([['1', 'Prepare the weld', 'en'], ['2', 'Memeriksa hasil las', 'id']]);
    expect(en[0]!.criteria.map((c) => `${c.no} ${c.text}`)).to.deep.equal(['1.1 WPS read', '1.2 Groove prepared']);
    expect(en[1]!.criteria[0]).to.deep.equal({ no: '2.1', text: 'Cacat diperiksa', lang: 'id' });
    expect(parseElementRows(toElementRows(elements)).elements).to.deep.equal(elements);
  });

  it('keys problems by the row: missing title, no KUK, English lines not matching', () => {
    const { errors } = parseElementRows([
      { title_id: '', title_en: 'Only English', kuk_id: 'a', kuk_en: '' },
      { title_id: 'Judul', title_en: '', kuk_id: '', kuk_en: '' },
      { title_id: 'Judul', title_en: '', kuk_id: 'a\nb', kuk_en: 'A' },
      { title_id: 'Baik', title_en: '', kuk_id: 'a', kuk_en: '' },
    ]);
    expect(errors).to.deep.equal({
      el_1: 'competencies:validation.element_title',
      el_2: 'competencies:validation.element_kuk',
      el_3: 'competencies:validation.kuk_en_count',
    });
  });
});

describe('competencies: demo data', () => {
  const codes = new Set(DEMO_UNITS.map((u) => u.code));

  it('gives elements only to real (non-synthetic) demo units', () => {
    for (const code of Object.keys(DEMO_ELEMENTS)) {
      const unit = DEMO_UNITS.find((u) => u.code === code);
      expect(unit, code).to.not.equal(undefined);
      expect(unit!.synthetic, code).to.equal(false);
      expect(parseElementRows(toElementRows(DEMO_ELEMENTS[code]!.map((e) => ({ title: { id: e.title[0], en: e.title[1] }, criteria: e.kuk.map(([id, en]) => ({ text: { id, en } })) })))).errors, code).to.deep.equal({});
    }
  });

  it('has a job profile for every demo position, requiring known units at levels 1–4 once each', () => {
    const positions = Object.values(POSITIONS).flatMap((list) => list.map(([p]) => positionKey(p)));
    expect(DEMO_PROFILES.map((p) => positionKey(p.position)).sort()).to.deep.equal([...positions].sort());
    for (const p of DEMO_PROFILES) {
      expect(new Set(p.requires.map(([c]) => c)).size, p.position).to.equal(p.requires.length);
      for (const [code, level] of p.requires) {
        expect(codes.has(code), `${p.position} → ${code}`).to.equal(true);
        expect(level).to.be.within(1, 4);
      }
    }
    const smaw = DEMO_PROFILES.find((p) => p.position === 'Juru las SMAW 3G')!;
    expect(smaw.requires).to.deep.include(['C.24LAS01.029.1', 3]).and.deep.include(['C.28LOG20.003.2', 3]);
  });
});
