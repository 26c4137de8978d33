import path from 'node:path';
import { projectRoot } from '../../platform/paths';

/** A stored notice as its email sees it at send time. */
export interface EmailNotice {
  id: string;
  kind: string;
  params: Record<string, string>;
  link?: string;
  /** The opened secret, when the notice carries one (only until its email is settled). */
  secret?: string;
  createdAt: Date;
}

/**
 * How one kind of notice is emailed. New kinds (certificate expiry, digests) are one entry here
 * plus a job that records notices: the pipeline does the rest.
 */
export interface NoticeKind {
  kind: string;
  /** Sent even to people who turned optional email off (see the README for the list). */
  essential: boolean;
  /** Not listed in the inbox: only its email matters (a password-reset link). */
  hidden?: boolean;
  /** Also tried at once by the process that records it, because a person is waiting for it. */
  expedite?: boolean;
  /** Templates `<dir>/<template>.{html,text}.ejs`, built on the shared email layout parts. */
  dir: string;
  template: string;
  /** Translation key of the subject; it receives the notice's values in the recipient's language. */
  subject: string;
  /** Values only the email needs, read at send time; null when it can no longer be sent. */
  emailData?: (notice: EmailNotice) => Promise<Record<string, unknown> | null>;
}

/** The kinds that are emailed; a notice of an unregistered kind stays in the inbox only. */
export class NoticeKinds {
  private readonly byKind = new Map<string, NoticeKind>();

  register(...kinds: NoticeKind[]): void {
    for (const k of kinds) {
      if (this.byKind.has(k.kind)) throw new Error(`Notice kind "${k.kind}" is registered twice`);
      this.byKind.set(k.kind, k);
    }
  }

  get(kind: string): NoticeKind | undefined {
    return this.byKind.get(kind);
  }

  list(): NoticeKind[] {
    return [...this.byKind.values()];
  }
}

export const noticeEmailsDir = path.join(projectRoot(), 'src', 'modules', 'notifications', 'emails');

/**
 * The scheduling module's notices, emailed with the generic template (the inbox message and a
 * button). Changes to a class the worker is in are essential: they may otherwise travel to a class
 * that is not happening. Confirmations of their own requests are optional.
 */
const SCHEDULING: Array<[kind: string, essential: boolean]> = [
  ['session-cancelled', true],
  ['session-rescheduled', true],
  ['meeting-added', true],
  ['enrollment-cancelled', true],
  ['waitlist-promoted', true],
  ['enrolled', false],
  ['waitlisted', false],
];

export const SCHEDULING_KINDS: NoticeKind[] = SCHEDULING.map(([kind, essential]) => ({
  kind,
  essential,
  dir: noticeEmailsDir,
  template: 'notice',
  subject: `notifications:email.subject.${kind}`,
}));
