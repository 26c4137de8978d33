import { expect } from 'chai';
import { canAssess, gain, normalisedGain } from '../../src/modules/assessments';
import { assessmentSheetForm } from '../../src/modules/assessments/assessments.schemas';
import { ValidationError } from '../../src/platform/errors';
import { parseForm } from '../../src/platform/http/validate';

const E = 'e'.repeat(24);
const U = 'a'.repeat(24);
const V = 'b'.repeat(24);
const sheet = { pre_date: '2026-03-02', pre_method: 'interview', post_date: '2026-03-06', post_method: 'observation' };
const fields = (body: Record<string, unknown>) => {
  try {
    parseForm(assessmentSheetForm, body);
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
  return {};
};

describe('assessments: the sheet form', () => {
  it('reads levels per enrolment and unit: a number, null for emptied, absent for not on the form', () => {
    const parsed = parseForm(assessmentSheetForm, { ...sheet, _csrf: 'x', [`pre_${E}_${U}`]: '0', [`post_${E}_${U}`]: '4', [`note_${E}_${U}`]: ' Rapi ', [`pre_${E}_${V}`]: '' });
    expect(parsed.pre).to.deep.equal({ date: '2026-03-02', method: 'interview' });
    expect(parsed.post).to.deep.equal({ date: '2026-03-06', method: 'observation' });
    expect(parsed.cells).to.deep.equal([
      { enrollment: E, unit: U, pre: 0, post: 4, note: 'Rapi' },
      { enrollment: E, unit: V, pre: null },
    ]);
  });

  it('reports every problem at once: bad levels, a missing date, an unknown method, post before pre', () => {
    expect(fields({ pre_date: '2026-03-09', pre_method: 'guess', post_date: '2026-03-06', post_method: 'observation', [`pre_${E}_${U}`]: '5', [`post_${E}_${U}`]: '2.5', [`pre_${E}_${V}`]: '1' })).to.deep.equal({
      [`pre_${E}_${U}`]: 'assessments:validation.level',
      [`post_${E}_${U}`]: 'assessments:validation.level',
      pre_method: 'assessments:validation.method',
      post_date: 'assessments:validation.post_before_pre',
    });
    expect(fields({ ...sheet, pre_date: '', [`pre_${E}_${U}`]: '2' })).to.deep.equal({ pre_date: 'assessments:validation.date_required' });
    expect(fields({ ...sheet, post_date: '2026-02-30', [`pre_${E}_${U}`]: '2' })).to.deep.equal({ post_date: 'assessments:validation.date' });
    expect(fields({ ...sheet, [`pre_${E}_${U}`]: ['1', '2'] })).to.deep.equal({ [`pre_${E}_${U}`]: 'assessments:validation.level' });
  });

  it('needs no date for a kind with no levels, and refuses malformed row fields and an empty sheet', () => {
    expect(fields({ ...sheet, post_date: '', [`pre_${E}_${U}`]: '2', [`post_${E}_${U}`]: '' })).to.deep.equal({});
    expect(fields({ ...sheet })).to.deep.equal({ _form: 'assessments:validation.nothing' });
    expect(fields({ ...sheet, [`pre_${E}_x`]: '2' })).to.deep.equal({ _form: 'assessments:validation.unknown_row' });
    expect(fields({ ...sheet, [`pre_${E}_${U}`]: '1', pre_x: '2' })).to.deep.equal({ _form: 'assessments:validation.unknown_row' });
    expect(fields({ ...sheet, [`note_${E}_${U}`]: 'x'.repeat(1001) })).to.deep.equal({ [`note_${E}_${U}`]: 'validation.too_long' });
  });

  it('lets coordinators and admins assess any session, instructors only their own', () => {
    expect(canAssess({ id: 'u', roles: ['coordinator'] }, [], null)).to.equal(true);
    expect(canAssess({ id: 'u', roles: ['admin'] }, ['i1'], null)).to.equal(true);
    expect(canAssess({ id: 'u', roles: ['instructor'] }, ['i1', 'i2'], 'i2')).to.equal(true);
    expect(canAssess({ id: 'u', roles: ['instructor'] }, ['i1'], 'i2')).to.equal(false);
    expect(canAssess({ id: 'u', roles: ['instructor'] }, ['i1'], null)).to.equal(false);
    expect(canAssess({ id: 'u', roles: ['manager', 'worker'] }, ['i1'], 'i1')).to.equal(false);
  });

  it('exports the gain arithmetic the sheet shows', () => {
    expect(gain(0, 3)).to.equal(3);
    expect(normalisedGain(0, 3)).to.equal(0.75);
    expect(normalisedGain(4, 4)).to.equal(undefined);
  });
});
