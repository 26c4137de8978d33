import { Types } from 'mongoose';
import { PNG } from 'pngjs';
import { AuditService } from '../../src/modules/audit';
import type { Trade } from '../../src/modules/catalogue';
import type { WeldingProcess } from '../../src/modules/continuity';
import { CertificationAssessment, CertificationScheme, IssueService, type ValidityRule } from '../../src/modules/certificates';
import type { Clock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { createUnit } from './catalogue-factories';
import { csrfFrom, type Agent } from './http';

let seq = 0;

/** A scheme with its own units (two unless given): welding, KKNI II, an LSP, a 3-year fixed term unless given. */
type Rule = { kind: 'fixed_term' | 'continuity' | 'periodic' | 'indefinite'; years?: number; process?: WeldingProcess };

export async function createScheme(overrides: Partial<{ name: string; units: Types.ObjectId[]; validity: Rule; trade: Trade; kkniLevel: number; active: boolean }> = {}) {
  seq++;
  const units = overrides.units ?? [(await createUnit())._id, (await createUnit())._id];
  return CertificationScheme.create({
    name: `Skema Uji ${seq}`,
    kkniLevel: 2,
    issuingBody: { kind: 'lsp', name: 'LSP Uji Las' },
    trade: 'welding',
    validity: { kind: 'fixed_term', years: 3 },
    ...overrides,
    units,
  });
}

/** An assessment of a worker against a scheme: every unit K unless `bk` names units (or `true`: the first). */
export async function createAssessment(worker: Types.ObjectId, scheme: { _id: Types.ObjectId; units: Types.ObjectId[] }, opts: { date?: string; bk?: boolean } = {}) {
  return CertificationAssessment.create({
    worker,
    scheme: scheme._id,
    tuk: 'TUK Sewaktu Bengkel Uji',
    assessor: { name: 'Asesor Uji', registration: 'MET.000.012345 2019' },
    date: wibToUtc(opts.date ?? '2026-03-01', '00:00')!,
    outcomes: scheme.units.map((unit, i) => ({ unit, outcome: opts.bk && i === 0 ? 'BK' : 'K' })),
  });
}

/** An IssueService on the given clock, for tests that issue, renew and revoke without HTTP. */
export function issueService(clock: Clock) {
  const audit = new AuditService({ clock });
  return { issue: new IssueService({ clock, audit }), audit };
}

/**
 * A certificate written straight through IssueService.create (numbering included): for tests of
 * what reads certificates. Dates are WIB calendar dates.
 */
export async function createCertificate(
  clock: Clock,
  opts: { worker: { _id: Types.ObjectId; name: string }; scheme?: Awaited<ReturnType<typeof createScheme>>; issueDate: string; validity?: ValidityRule; verifyCode?: string },
) {
  const scheme = opts.scheme ?? (await createScheme());
  const { issue } = issueService(clock);
  const { id, number } = await issue.create({
    worker: opts.worker._id,
    holderName: opts.worker.name,
    scheme: scheme._id,
    schemeName: scheme.name,
    kkniLevel: scheme.kkniLevel,
    issuingBody: { kind: 'lsp', name: scheme.issuingBody!.name },
    trade: scheme.trade,
    units: [{ code: 'C.24LAS01.029.1', title: { id: 'Membuat Sambungan Las Kampuh', en: 'Make groove welds' } }],
    issueDate: wibToUtc(opts.issueDate, '00:00')!,
    validity: opts.validity ?? { kind: 'fixed_term', years: 3 },
    source: 'assessment',
    issuedBy: new Types.ObjectId(),
    verifyCode: opts.verifyCode,
  });
  return { id, number };
}

/** A real PNG (8×8 white) and the bytes of a minimal JPEG and PDF. */
export function pngBytes(): Buffer {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(255);
  return PNG.sync.write(png);
}
export const jpegBytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 0), Buffer.from([0xff, 0xd9])]);
export const pdfBytes = () => Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** Exactly `size` bytes that start like a PDF: for the size limit. */
export function bigPdfBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x41);
  bytes.write('%PDF-1.4\n', 0, 'latin1');
  return bytes;
}

/** Posts the history form as a browser does: multipart, the CSRF token of the form page first. */
export async function uploadHistory(agent: Agent, fields: Record<string, string | string[]>, file?: { bytes: Buffer; name: string }) {
  const token = csrfFrom((await agent.get('/certificates/history').expect(200)).text);
  let req = agent.post('/certificates/history').field('_csrf', token);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) req = req.field(k, one);
  if (file) req = req.attach('file', file.bytes, file.name);
  return req;
}
