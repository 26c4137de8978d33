import { createHash, createHmac } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { Types, trusted } from 'mongoose';
import type { ServiceDeps } from '../../platform/deps';
import { prng } from '../../platform/prng';
import { addDays, wibParts, wibToUtc } from '../../platform/time';
import { User } from '../accounts';
import { AuditEntry, AuditService } from '../audit';
import { CompetencyUnit } from '../catalogue';
import { ContinuityEntry, rebuildContinuityReadModels } from '../continuity';
import { Worker } from '../workers';
import { Workshop } from '../workshops';
import { CertificationAssessment } from './assessment.model';
import { Certificate } from './certificate.model';
import { CertificateScan } from './certificate-scan.model';
import {
  DEMO_ASSESSORS, DEMO_CERTIFICATES, DEMO_OPEN_ASSESSMENTS, DEMO_SCHEMES, DEMO_SUPERVISORS, DEMO_TUKS, SYNTHETIC_NOTE,
  type Ago, type DemoCertificate, type Holder, type Pool,
} from './certificates.demo-data';
import { IssueService } from './issue.service';
import { CertificationScheme } from './scheme.model';
import { ruleOf } from './schemes.service';
import { addMonths } from './validity';
import { rebuildCertificateReadModels } from './worker-certificates.read-model';

/** The demo certificates' keys; their verification codes are `demoVerifyCode(key)`. */
export const DEMO_VERIFY_KEYS = DEMO_CERTIFICATES.map((c) => c.key);

/**
 * A fixed verification code for a demo certificate, so the README can give a working link. Demo
 * data only: real certificates get 192 random bits (issue.service.ts), never a derivable code.
 * With `secret` (production: the instance's SESSION_SECRET) the code is an HMAC of the key, as
 * unguessable as a random one to anyone without the secret, so the published demo codes do not
 * answer there, yet stable, so seeding again still finds the certificates it made.
 */
export function demoVerifyCode(key: string, secret?: string): string {
  const digest = secret
    ? createHmac('sha256', secret).update(`takaru-skills-demo-certificate:${key}`)
    : createHash('sha256').update(`takaru-skills-demo:${key}`);
  return digest.digest('base64url').slice(0, 32);
}

interface Ctx {
  today: string;
  coordinator: { _id: Types.ObjectId; name: string } | null;
  demoWorker: { _id: Types.ObjectId; name: string } | null;
  pools: Record<Pool, { _id: Types.ObjectId; name: string }[]>;
  /** Active workers by `workshop name|position`, by phone, the demo worker left out. */
  positions: Map<string, { _id: Types.ObjectId; name: string }[]>;
  schemes: Map<string, Awaited<ReturnType<typeof ensureScheme>>>;
  issue: IssueService;
  rnd: () => number;
  /** Set in production: demo codes are then keyed by the instance's secret (demoVerifyCode). */
  codeSecret: string | undefined;
}

const dateOf = (ctx: Ctx, a: Ago) => addDays(addMonths(ctx.today, -a.months), -a.days);
const at = (date: string, time = '00:00') => wibToUtc(date, time)!;

/**
 * Demo certification schemes, assessments, certificates in every state (valid, expiring within 30
 * days, lapsed continuity, expired, revoked, a renewal chain; several for pekerja@takaru.test) and
 * the continuity log entries their rules read. Runs after the other seeds (it needs the workers and
 * units). Idempotent: schemes by name, certificates by their demo verification code; what exists is
 * left alone. Returns the records created.
 */
export async function seedCertificatesDemo(deps: ServiceDeps): Promise<number> {
  let created = 0;
  const schemes = new Map<string, Awaited<ReturnType<typeof ensureScheme>>>();
  for (const s of DEMO_SCHEMES) {
    const r = await ensureScheme(s);
    if (!r) continue;
    created += r.created ? 1 : 0;
    schemes.set(s.key, r);
  }
  const coordinatorUser = await User.findOne({ email: 'koordinator@takaru.test' }, { name: 1 }).lean();
  const demoUser = await User.findOne({ email: 'pekerja@takaru.test' }, { _id: 1 }).lean();
  const demoWorker = demoUser ? await Worker.findOne({ user: demoUser._id }, { name: 1 }).lean() : null;
  const pool = async (trade: Pool) => {
    const rows = await Worker.find({ active: true, trades: trade }, { name: 1, phone: 1 }).sort({ phone: 1, _id: 1 }).lean();
    return rows.filter((w) => !demoWorker || String(w._id) !== String(demoWorker._id)).map((w) => ({ _id: w._id, name: w.name }));
  };
  const rnd = prng(20261201);
  const pools = { welding: shuffle(await pool('welding'), rnd), machining: shuffle(await pool('machining'), rnd), qc: shuffle(await pool('qc'), rnd) };
  const positions = new Map<string, { _id: Types.ObjectId; name: string }[]>();
  for (const spec of DEMO_CERTIFICATES) {
    const h = spec.holder;
    if (h === 'demo' || !('workshop' in h) || positions.has(`${h.workshop}|${h.position}`)) continue;
    const shop = await Workshop.findOne({ name: h.workshop }, { _id: 1 }).lean();
    const rows = shop ? await Worker.find({ workshop: shop._id, active: true, position: h.position }, { name: 1, phone: 1 }).sort({ phone: 1, _id: 1 }).lean() : [];
    // Not the demo worker, nor a worker the pools already give a demo certificate or assessment:
    // their continuity evidence would change those certificates' states (a lapsed one revived).
    const taken = new Set([...DEMO_CERTIFICATES.map((c) => c.holder), ...DEMO_OPEN_ASSESSMENTS.map((a) => a.holder)].flatMap((x) => (x !== 'demo' && 'pool' in x && pools[x.pool][x.index] ? [String(pools[x.pool][x.index]!._id)] : [])));
    if (demoWorker) taken.add(String(demoWorker._id));
    positions.set(`${h.workshop}|${h.position}`, rows.filter((w) => !taken.has(String(w._id))).map((w) => ({ _id: w._id, name: w.name })));
  }
  const ctx: Ctx = {
    today: wibParts(deps.clock.now()).date,
    coordinator: coordinatorUser ? { _id: coordinatorUser._id, name: coordinatorUser.name } : null,
    demoWorker: demoWorker ? { _id: demoWorker._id, name: demoWorker.name } : null,
    pools,
    positions,
    schemes,
    issue: new IssueService({ clock: deps.clock, audit: new AuditService({ clock: deps.clock }) }),
    rnd,
    codeSecret: deps.config.isProduction ? deps.config.sessionSecret : undefined,
  };
  const ids = new Map<string, Types.ObjectId>();
  for (const spec of DEMO_CERTIFICATES) {
    const r = await ensureCertificate(ctx, spec, ids);
    created += r;
  }
  for (const open of DEMO_OPEN_ASSESSMENTS) {
    const worker = holderOf(ctx, open.holder);
    const scheme = schemes.get(open.scheme);
    if (!worker || !scheme || (await CertificationAssessment.exists({ worker: worker._id, scheme: scheme.id }))) continue;
    await createAssessment(ctx, worker._id, open.scheme, dateOf(ctx, open.at), open.bk);
    created++;
  }
  // Demo continuity entries are written directly: the holders' read models from one read of the log.
  // (and renewals and revocations are set by direct updates): every holder's documents from one read.
  if (created > 0) await Promise.all([rebuildContinuityReadModels(), rebuildCertificateReadModels()]);
  return created;
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function ensureScheme(s: (typeof DEMO_SCHEMES)[number]) {
  const units = await CompetencyUnit.find({ code: trusted({ $in: s.units }) }, { code: 1 }).lean();
  if (units.length === 0) return null;
  const ordered = s.units.flatMap((code) => units.filter((u) => u.code === code).map((u) => u._id));
  const existing = await CertificationScheme.findOne({ name: s.name }).lean();
  if (existing) return { id: existing._id, doc: existing, units: (existing.units ?? []) as Types.ObjectId[], created: false };
  const doc = await CertificationScheme.create({
    name: s.name, nameEn: s.nameEn, kkniLevel: s.kkniLevel, issuingBody: s.issuingBody, trade: s.trade, units: ordered,
    validity: { kind: s.validity.kind, years: s.validity.years ?? undefined, process: (s.validity.process ?? undefined) as never },
    description: SYNTHETIC_NOTE, active: true,
  });
  return { id: doc._id, doc: doc.toObject(), units: ordered, created: true };
}

function holderOf(ctx: Ctx, h: Holder) {
  if (h === 'demo') return ctx.demoWorker;
  if ('workshop' in h) return ctx.positions.get(`${h.workshop}|${h.position}`)?.[h.index] ?? null;
  return ctx.pools[h.pool][h.index] ?? null;
}

async function createAssessment(ctx: Ctx, worker: Types.ObjectId, schemeKey: string, date: string, bk: boolean) {
  const scheme = ctx.schemes.get(schemeKey)!;
  const assessor = DEMO_ASSESSORS[Math.floor(ctx.rnd() * DEMO_ASSESSORS.length)]!;
  const a = await CertificationAssessment.create({
    worker, scheme: scheme.id, tuk: DEMO_TUKS[Math.floor(ctx.rnd() * DEMO_TUKS.length)]!, assessor, date: at(date),
    outcomes: scheme.units.map((unit, i) => ({ unit, outcome: bk && i === 0 ? 'BK' : 'K' })),
    notes: SYNTHETIC_NOTE, recordedBy: ctx.coordinator?._id,
  });
  return a._id;
}

async function ensureCertificate(ctx: Ctx, spec: DemoCertificate, ids: Map<string, Types.ObjectId>): Promise<number> {
  const verifyCode = demoVerifyCode(spec.key, ctx.codeSecret);
  const existing = await Certificate.findOne({ verifyCode }, { _id: 1 }).lean();
  if (existing) {
    ids.set(spec.key, existing._id);
    return 0;
  }
  const worker = holderOf(ctx, spec.holder);
  const scheme = ctx.schemes.get(spec.scheme);
  if (!worker || !scheme) return 0;
  let created = 0;
  const issueDate = dateOf(ctx, spec.issued);
  const assessment = spec.source === 'history' ? undefined : await createAssessment(ctx, worker._id, spec.scheme, addDays(issueDate, -7), false);
  if (assessment) created++;
  const scan = spec.source === 'history' ? await demoScan(ctx, spec) : undefined;
  const unitDocs = await CompetencyUnit.find({ _id: trusted({ $in: scheme.units }) }, { code: 1, title: 1 }).lean();
  const renews = spec.renews ? ids.get(spec.renews) : undefined;
  const { id, number } = await ctx.issue.create({
    worker: worker._id, holderName: worker.name, scheme: scheme.id, schemeName: scheme.doc.name, kkniLevel: scheme.doc.kkniLevel,
    issuingBody: { kind: scheme.doc.issuingBody!.kind, name: scheme.doc.issuingBody!.name }, trade: scheme.doc.trade,
    units: scheme.units.flatMap((u) => unitDocs.filter((d) => String(d._id) === String(u)).map((d) => ({ unit: d._id, code: d.code, title: { id: d.title?.id ?? '', en: d.title?.en ?? '' } }))),
    issueDate: at(issueDate), validity: ruleOf(scheme.doc.validity), source: spec.source, assessment, renews,
    // A history entry is known by its original's number and takes no TKR number (certificate.model.ts).
    number: spec.source === 'history' ? spec.originalNumber : undefined,
    originalNumber: spec.originalNumber, scan, issuedBy: ctx.coordinator?._id as Types.ObjectId, verifyCode,
  });
  ids.set(spec.key, new Types.ObjectId(id));
  created++;
  await audit(ctx, issueDate, spec.renews ? 'certificate.renew' : 'certificate.issue', id, { number, source: spec.source });
  if (renews) {
    await Certificate.updateOne({ _id: renews }, { $set: { renewedBy: id } });
    const old = await Certificate.findById(renews, { number: 1 }).lean();
    await audit(ctx, issueDate, 'certificate.renewed', renews, { number: old?.number, renewedBy: number });
  }
  if (spec.revoked) {
    const when = dateOf(ctx, spec.revoked.at);
    await Certificate.updateOne({ _id: id }, { $set: { revokedAt: at(when, '10:00'), revokedBy: ctx.coordinator?._id, revocationReason: spec.revoked.reason, revocationCategory: 'assessment_invalid' } });
    await audit(ctx, when, 'certificate.revoke', id, { number, reason: spec.revoked.reason, category: 'assessment_invalid' });
  }
  for (const [i, e] of (spec.evidence ?? []).entries()) {
    const evidence = `${e.kind === 'test_weld' ? 'Las uji' : 'WPS-LJT'}-${e.process}-${spec.key}-${i + 1} (contoh)`;
    if (await ContinuityEntry.exists({ worker: worker._id, process: e.process, evidence })) continue;
    await ContinuityEntry.create({
      worker: worker._id, process: e.process, date: at(dateOf(ctx, e.at), '10:00'), kind: e.kind, evidence,
      supervisor: DEMO_SUPERVISORS[i % DEMO_SUPERVISORS.length], recordedBy: ctx.coordinator?._id,
    });
    created++;
  }
  return created;
}

async function audit(ctx: Ctx, date: string, action: string, subject: string | Types.ObjectId, details: Record<string, unknown>) {
  await AuditEntry.create({
    at: at(date, '09:00'), actor: ctx.coordinator?._id, actorName: ctx.coordinator?.name ?? 'system',
    action, subjectType: 'certificate', subject: new Types.ObjectId(String(subject)), details,
  });
}

/** A one-page synthetic "scan" (a PDF) for the certificate entered from history. */
async function demoScan(ctx: Ctx, spec: DemoCertificate): Promise<Types.ObjectId> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text('Pindaian contoh (sintetis) / Sample scan (synthetic)', 60, 80);
  doc.fontSize(14).text(`${spec.originalNumber ?? ''} · ${ctx.schemes.get(spec.scheme)?.doc.name ?? ''}`, 60, 130);
  doc.end();
  const data = await done;
  const scan = await CertificateScan.create({ contentType: 'application/pdf', size: data.length, filename: 'pindaian-contoh.pdf', data, uploadedBy: ctx.coordinator?._id });
  return scan._id;
}
