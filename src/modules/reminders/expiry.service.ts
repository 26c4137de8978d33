import { Types, trusted } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { claimOnce, releaseClaim } from '../../platform/db/claims';
import type { AuditService } from '../audit';
import { User } from '../accounts';
import { Certificate, statesOf, type CertificateStatus } from '../certificates';
import type { NotificationsService } from '../notifications';
import { Worker } from '../workers';
import { Workshop } from '../workshops';
import { DIGEST_HORIZON_DAYS, expiryMarkDue, isoWeek, welderWarningDue } from './expiry-rules';
import { wibParts } from '../../platform/time';

const wibDate = (at: Date) => wibParts(at).date;

/** One certificate ending within the digest horizon, as the digest lists it. */
export interface ExpiringRow {
  certificateId: string;
  number: string;
  holder: string;
  workshopId: string;
  workshop: string;
  scheme: string;
  /** "continuity": it lapses unless the process is used; otherwise it expires. */
  rule: string;
  status: CertificateStatus;
  validUntil: string;
  daysLeft: number;
}

interface Holding {
  _id: Types.ObjectId;
  number: string;
  worker: Types.ObjectId;
  schemeName: string;
  issueDate: Date;
  validity: { kind: string; years?: number | null; process?: string | null };
  revokedAt?: Date | null;
  renewedBy?: Types.ObjectId | null;
}

/**
 * Certificate expiry notices, welder continuity warnings and the weekly digest: scans that record
 * notices under deterministic keys (running one twice records nothing new); the notifications
 * pipeline emails them.
 */
export class ExpiryService {
  constructor(private readonly deps: { clock: Clock; notifications: NotificationsService; audit?: AuditService }) {}

  /**
   * Certificates in force (not revoked, not renewed) of active workers, optionally of one workshop,
   * with their state now. Status is computed, never stored (certificates/validity.ts).
   */
  private async holdings(workshopId?: string) {
    const workerFilter: Record<string, unknown> = { active: true };
    if (workshopId) workerFilter.workshop = new Types.ObjectId(workshopId);
    const workers = await Worker.find(workerFilter, { name: 1, workshop: 1 }).lean();
    const workerById = new Map(workers.map((w) => [String(w._id), w]));
    const certs = (
      await Certificate.find(
        workshopId ? { worker: trusted({ $in: workers.map((w) => w._id) }) } : {},
        { number: 1, worker: 1, schemeName: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1 },
      ).lean<Holding[]>()
    ).filter((c) => !c.revokedAt && !c.renewedBy && workerById.has(String(c.worker)));
    const states = await statesOf(certs, this.deps.clock.now());
    return certs.map((c, i) => ({ cert: c, state: states[i]!, worker: workerById.get(String(c.worker))! }));
  }

  /**
   * The daily scan. To each holder: an expiry notice at 90, 30, 7 and 0 days before the last day
   * of validity (key `cert-expiry:<certificateId>:<validUntil>:<mark>d`: a continuity certificate
   * kept alive by a logged use has a new last day, so it is warned again next time); to each
   * welder whose last use of a process is five months old and not yet lapsed, a warning (key
   * `welder-warning:<certificateId>:<lastUse>`). Returns how many notices were new.
   */
  async scanCertificates(): Promise<{ expiry: number; welders: number }> {
    const today = wibDate(this.deps.clock.now());
    let expiry = 0;
    let welders = 0;
    for (const { cert, state } of await this.holdings()) {
      if (state.status === 'revoked' || !state.validUntil) continue;
      if (state.status === 'lapsed') await this.recordLapse(String(cert._id), state.endsOn, state.lastUse);
      const base = {
        link: `/certificates/${String(cert._id)}`,
        params: { number: cert.number, scheme: cert.schemeName, until: state.validUntil, count: String(state.daysLeft ?? 0) },
      };
      const mark = expiryMarkDue(state.daysLeft);
      if (mark !== null) {
        expiry += await this.deps.notifications.notifyWorkers([String(cert.worker)], {
          ...base,
          key: `cert-expiry:${String(cert._id)}:${state.validUntil}:${mark}d`,
          kind: cert.validity.kind === 'continuity' ? 'cert-lapse' : 'cert-expiry',
          params: { ...base.params, mark: String(mark) },
        });
      }
      if (cert.validity.kind === 'continuity' && state.lastUse && welderWarningDue(state.lastUse, state.validUntil, today)) {
        welders += await this.deps.notifications.notifyWorkers([String(cert.worker)], {
          ...base,
          key: `welder-warning:${String(cert._id)}:${state.lastUse}`,
          kind: 'welder-warning',
          params: { ...base.params, process: cert.validity.process ?? '', last_use: state.lastUse },
        });
      }
    }
    return { expiry, welders };
  }

  /**
   * A lapse happens by the passage of time, so nobody writes it: the daily scan puts it in the
   * certificate's audit trail when it first sees it. A lapse is final (later uses do not revive a
   * continuity certificate), so once per certificate; the insert of the claim `lapse:<id>` decides,
   * as conditional updates are not atomic on FerretDB and two scans may run at once.
   */
  private async recordLapse(certificateId: string, lapsedOn: string | null, lastUse: string | null): Promise<void> {
    const key = `lapse:${certificateId}`;
    if (!this.deps.audit || !(await claimOnce(key))) return;
    try {
      await this.deps.audit.record(null, 'certificate.lapse', 'Certificate', certificateId, { lapsedOn, lastUse });
    } catch (err) {
      await releaseClaim(key);
      throw err;
    }
  }

  /** Certificates of a workshop (or all) whose last day is within 90 days, soonest first. */
  async expiring(workshopId?: string): Promise<ExpiringRow[]> {
    if (workshopId && !Types.ObjectId.isValid(workshopId)) return [];
    const rows = (await this.holdings(workshopId)).filter(
      ({ state }) => state.daysLeft !== null && state.daysLeft >= 0 && state.daysLeft <= DIGEST_HORIZON_DAYS,
    );
    const workshops = await Workshop.find({ _id: trusted({ $in: [...new Set(rows.map((r) => String(r.worker.workshop)))] }) }, { name: 1 }).lean();
    const workshopName = new Map(workshops.map((w) => [String(w._id), w.name]));
    return rows
      .map(({ cert, state, worker }) => ({
        certificateId: String(cert._id),
        number: cert.number,
        holder: worker.name,
        workshopId: String(worker.workshop),
        workshop: workshopName.get(String(worker.workshop)) ?? '',
        scheme: cert.schemeName,
        rule: cert.validity.kind,
        status: state.status,
        validUntil: state.validUntil!,
        daysLeft: state.daysLeft!,
      }))
      .sort((a, b) => a.daysLeft - b.daysLeft || a.holder.localeCompare(b.holder));
  }

  /**
   * The weekly digest: one notice per recipient — each active manager for their workshop, each
   * active coordinator for all of LIK Takaru — listing what expires or lapses within 90 days (the
   * email reads the list again when it is sent). Nobody gets an empty digest. Key `digest:<ISO week>`
   * (plus the recipient): a second run in the same week records nothing. Returns how many were new.
   */
  async recordDigests(): Promise<number> {
    const week = isoWeek(wibDate(this.deps.clock.now()));
    const users = await User.find({ active: true, roles: trusted({ $in: ['manager', 'coordinator'] }) }, { roles: 1, workshop: 1 }).lean();
    const all = await this.expiring();
    let created = 0;
    for (const u of users) {
      const lik = u.roles.includes('coordinator');
      if (!lik && !u.workshop) continue;
      const scope = lik ? '' : String(u.workshop);
      const count = lik ? all.length : all.filter((r) => r.workshopId === scope).length;
      if (count === 0) continue;
      const made = await this.deps.notifications.notifyUser(String(u._id), {
        key: `digest:${week}`,
        kind: 'weekly-digest',
        link: scope ? `/certificates?status=expiring&workshop=${scope}` : '/certificates?status=expiring',
        params: { week, count: String(count), scope },
      });
      if (made) created++;
    }
    return created;
  }
}
