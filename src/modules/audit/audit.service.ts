import { Types } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { User } from '../accounts/user.model';
import { AuditEntry } from './audit-entry.model';

export interface AuditRow {
  at: Date;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

/** Writes and reads the audit trail. */
export class AuditService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Appends one entry; the actor's name is kept as it was at the time. */
  async record(actor: Actor | null, action: string, subjectType: string, subject: string | Types.ObjectId, details: Record<string, unknown> = {}): Promise<void> {
    const user = actor ? await User.findById(actor.id, { name: 1 }).lean() : null;
    await AuditEntry.create({
      at: this.deps.clock.now(),
      actor: actor ? new Types.ObjectId(actor.id) : undefined,
      actorName: user?.name ?? (actor ? '' : 'system'),
      action,
      subjectType,
      subject: new Types.ObjectId(String(subject)),
      details,
    });
  }

  /** The trail of one subject, newest first. */
  async trailOf(subject: string | Types.ObjectId): Promise<AuditRow[]> {
    const rows = await AuditEntry.find({ subject: new Types.ObjectId(String(subject)) }).sort({ at: -1, _id: -1 }).lean();
    return rows.map((r) => ({ at: r.at, actorName: r.actorName ?? '', action: r.action, details: (r.details ?? {}) as Record<string, unknown> }));
  }
}
