import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { wibParts } from '../../platform/time';
import { Certificate, verifyUrl, type CertificateStatus } from '../certificates';
import { ContinuityEntry } from '../continuity';
import { Worker } from '../workers';
import { Workshop, displayName } from '../workshops';
import { statusAt, type REvidence } from './metrics';
import { reportWorkshop } from './reports.policy';

export interface CapabilityRow {
  holderName: string;
  number: string;
  issueDate: string;
  validUntil: string | null;
  status: CertificateStatus;
  daysLeft: number | null;
  verifyUrl: string;
}
export interface CapabilityScheme { name: string; kkniLevel: number; issuingBody: string; rows: CapabilityRow[] }
/** Certificates grouped by welding process (SMAW, GMAW…) or, for other schemes, by trade. */
export interface CapabilityGroup { process: string | null; trade: string; schemes: CapabilityScheme[]; holders: number }
export interface CapabilityStatement {
  workshop: { id: string; name: string; owner: string; unit: string; products: string };
  asOf: Date;
  workers: number;
  certifiedWorkers: number;
  groups: CapabilityGroup[];
}

/**
 * The supplier capability statement of one workshop: its active workers' certificates that are
 * valid today (or expiring, still valid), grouped by process and scheme, each with its public
 * verification link (absolute, from APP_URL). Revoked, lapsed, expired and renewed-away
 * certificates are left out: this is what a buyer or auditor may rely on today.
 */
export class CapabilityService {
  constructor(private readonly deps: { clock: Clock; appUrl: string }) {}

  /** Null when a coordinator or admin has not chosen a workshop; a manager always gets their own. NotFoundError for an unknown workshop. */
  async statement(actor: Actor, requested: string | undefined): Promise<CapabilityStatement | null> {
    const id = reportWorkshop(actor, requested);
    if (!id) return null;
    const ws = await Workshop.findOne({ _id: new Types.ObjectId(id) }, { name: 1, legalForm: 1, owner: 1, unit: 1, products: 1 }).lean();
    if (!ws) throw new NotFoundError();
    const now = this.deps.clock.now();
    const workers = await Worker.find({ workshop: ws._id, active: true }, { _id: 1 }).lean();
    const ids = workers.map((w) => w._id);
    const [certs, entries] = await Promise.all([
      Certificate.find({ worker: trusted({ $in: ids }), renewedBy: null }, { worker: 1, holderName: 1, schemeName: 1, kkniLevel: 1, issuingBody: 1, trade: 1, number: 1, verifyCode: 1, issueDate: 1, validity: 1, revokedAt: 1 }).lean(),
      ContinuityEntry.find({ worker: trusted({ $in: ids }) }, { worker: 1, process: 1, date: 1, kind: 1 }).lean(),
    ]);
    const evidence = new Map<string, REvidence[]>();
    for (const e of entries) {
      const item = { process: e.process, date: e.date, kind: e.kind };
      const list = evidence.get(String(e.worker));
      if (list) list.push(item);
      else evidence.set(String(e.worker), [item]);
    }
    const groups = new Map<string, CapabilityGroup>();
    const holders = new Set<string>();
    for (const c of certs) {
      const facts = { id: String(c._id), workerId: String(c.worker), holderName: c.holderName, schemeName: c.schemeName, number: c.number, verifyCode: c.verifyCode, trade: c.trade, kkniLevel: c.kkniLevel, issuingBody: c.issuingBody?.name ?? '', issueDate: c.issueDate, validity: { kind: c.validity?.kind ?? 'indefinite', years: c.validity?.years ?? null, process: c.validity?.process ?? null }, revokedAt: c.revokedAt ?? null, renewed: false };
      if (c.issueDate.getTime() > now.getTime()) continue;
      const st = statusAt(facts, evidence.get(facts.workerId) ?? [], now);
      if (st.status !== 'valid' && st.status !== 'expiring') continue;
      holders.add(facts.workerId);
      const process = facts.validity.process ?? null;
      const key = process ?? `trade:${c.trade}`;
      const group = groups.get(key) ?? { process, trade: c.trade, schemes: [], holders: 0 };
      let scheme = group.schemes.find((s) => s.name === c.schemeName);
      if (!scheme) group.schemes.push((scheme = { name: c.schemeName, kkniLevel: c.kkniLevel, issuingBody: facts.issuingBody, rows: [] }));
      scheme.rows.push({ holderName: c.holderName, number: c.number, issueDate: wibParts(c.issueDate).date, validUntil: st.validUntil, status: st.status, daysLeft: st.daysLeft, verifyUrl: verifyUrl(this.deps.appUrl, c.verifyCode) });
      groups.set(key, group);
    }
    const sorted = [...groups.entries()].sort(([a], [b]) => (a.startsWith('trade:') === b.startsWith('trade:') ? a.localeCompare(b) : a.startsWith('trade:') ? 1 : -1)).map(([, g]) => g);
    for (const g of sorted) {
      g.schemes.sort((a, b) => a.name.localeCompare(b.name, 'id'));
      for (const s of g.schemes) s.rows.sort((a, b) => a.holderName.localeCompare(b.holderName, 'id'));
      g.holders = new Set(g.schemes.flatMap((s) => s.rows.map((r) => r.holderName))).size;
    }
    return {
      workshop: { id: String(ws._id), name: displayName(ws), owner: ws.owner ?? '', unit: ws.unit ?? '', products: ws.products ?? '' },
      asOf: now,
      workers: workers.length,
      certifiedWorkers: holders.size,
      groups: sorted,
    };
  }
}
