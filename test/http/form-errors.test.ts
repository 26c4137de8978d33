import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { createI18n } from '../../src/platform/i18n';
import { Meeting } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createScheme } from '../support/certificates-factories';
import { createUser, PASSWORD } from '../support/factories';
import { markedFields, unboundMessages } from '../support/form-marks';
import { signIn, submitForm, type Agent } from '../support/http';
import { makeSession } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z'; // Tuesday 1 Dec 2026, 09:00 WIB
const t = createI18n().getFixedT('id');

/** One form of the app: where it is shown, where it posts, a bad submission and the field it must mark. */
interface FormCase {
  name: string;
  page: string;
  action: string;
  body: Record<string, string>;
  field: string;
}

/**
 * Posts the bad submission and checks what a person sees: 422, the field marked invalid, described by
 * a message element with the text, nothing hiding it, and no error message left unbound to a field.
 */
async function expectMarked(agent: Agent, c: FormCase): Promise<string> {
  const res = await submitForm(agent, c.page, c.action, c.body);
  expect(res.status, `${c.name}: status`).to.equal(422);
  const marked = markedFields(res.text);
  const field = marked.find((f) => f.name === c.field && f.formAction === c.action);
  expect(field, `${c.name}: "${c.field}" marked aria-invalid in the form posting to ${c.action} (marked: ${marked.map((f) => `${f.formAction}#${f.name}`).join(', ') || 'none'})`).to.not.equal(undefined);
  expect(field!.described.filter(Boolean).length, `${c.name}: "${c.field}" described by a message`).to.be.above(0);
  for (const f of marked) expect(f.hidden, `${c.name}: "${f.name}" inside a closed <details>`).to.equal(false);
  expect(unboundMessages(res.text), `${c.name}: error messages bound to no field`).to.deep.equal([]);
  return res.text;
}

describe('form errors: every form marks its failing fields', () => {
  it('marks the failing field of each form of the session page, opening only that form', async () => {
    const ctx = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), meetings: 2 });
    const meeting = await Meeting.findOne({ session: session._id }).sort({ start: 1 }).lean();
    const page = `/sessions/${session.id}`;
    const move = `move-${String(meeting!._id)}`;
    const cases: FormCase[] = [
      { name: 'move a meeting', page, action: `${page}/meetings/${String(meeting!._id)}`, body: { _form: move, date: '2026-12-09', start: '10:00', end: '09:00' }, field: 'end' },
      { name: 'add a meeting', page, action: `${page}/meetings`, body: { _form: 'add-meeting', date: '', start: '13:00', end: '15:00' }, field: 'date' },
      { name: 'enrol a worker', page, action: `${page}/enrollments`, body: { _form: 'enrol', worker: '', overrideReason: '' }, field: 'worker' },
      { name: 'enrol a group', page, action: `${page}/enrollments/bulk`, body: { _form: 'bulk-enrol', workshop: '', trade: '', position: '' }, field: 'workshop' },
      { name: 'cancel the class', page, action: `${page}/cancel`, body: { _form: 'cancel-session', reason: '' }, field: 'reason' },
    ];
    for (const c of cases) {
      const html = await expectMarked(agent, c);
      const folded = c.name !== 'enrol a worker' && c.name !== 'enrol a group';
      expect(html.match(/<details\b[^>]*\sopen\b/g) ?? [], `${c.name}: only the failing form is open`).to.have.length(folded ? 1 : 0);
    }

    const moved = await expectMarked(agent, cases[0]!);
    const value = (id: string) => /\svalue="([^"]*)"/.exec(new RegExp(`<input\\b[^>]*\\sid="${id}"[^>]*>`).exec(moved)?.[0] ?? '')?.[1];
    const mid = String(meeting!._id);
    expect([value(`mv-d-${mid}`), value(`mv-s-${mid}`), value(`mv-e-${mid}`)], 'the move form keeps what was typed').to.deep.equal(['2026-12-09', '10:00', '09:00']);
    expect(markedFields(moved).find((f) => f.name === 'end')!.described).to.include(t('scheduling:validation.end_before_start'));
  });

  it('marks the failing field of the catalogue, people, certificate and account forms', async () => {
    const ctx = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'admin@t.test', roles: ['admin', 'coordinator'] });
    const agent = await signIn(ctx.app, 'admin@t.test', PASSWORD);
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z') });
    const scheme = await createScheme();
    const cases: FormCase[] = [
      { name: 'new class', page: '/sessions/new', action: '/sessions', body: { capacity: '0', plan: 'list', state: 'open' }, field: 'capacity' },
      { name: 'edit class', page: `/sessions/${session.id}/edit`, action: `/sessions/${session.id}`, body: { capacity: '0', state: 'open' }, field: 'capacity' },
      { name: 'course', page: '/courses/new', action: '/courses', body: { code: '' }, field: 'code' },
      { name: 'competency unit', page: '/competency-units/new', action: '/competency-units', body: { code: '' }, field: 'code' },
      { name: 'room', page: '/rooms/new', action: '/rooms', body: { name: '' }, field: 'name' },
      { name: 'instructor', page: '/instructors/new', action: '/instructors', body: { name: '' }, field: 'name' },
      { name: 'workshop', page: '/workshops/new', action: '/workshops', body: { name: '' }, field: 'name' },
      { name: 'worker', page: '/workers/new', action: '/workers', body: { name: '' }, field: 'name' },
      { name: 'job profile', page: '/job-profiles/new', action: '/job-profiles', body: { position: '' }, field: 'position' },
      { name: 'certificate scheme', page: '/certificates/schemes/new', action: '/certificates/schemes', body: { name: '' }, field: 'name' },
      { name: 'competency assessment', page: `/certificates/assessments/new?scheme=${scheme.id}`, action: '/certificates/assessments', body: { scheme: scheme.id, worker: '' }, field: 'worker' },
      { name: 'certificate history', page: '/certificates/history', action: '/certificates/history', body: { worker: '' }, field: 'worker' },
      { name: 'account', page: '/admin/users/new', action: '/admin/users', body: { name: '' }, field: 'name' },
      { name: 'change password', page: '/account/password', action: '/account/password', body: { current: '', password: 'short', confirm: 'short' }, field: 'password' },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      try {
        await expectMarked(agent, c);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
