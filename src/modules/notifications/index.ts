import type { ServiceDeps } from '../../platform/deps';
import { createJobQueue, type JobQueue } from '../../platform/jobs/agenda';
import { EmailRenderer } from '../../platform/mail/render';
import { DeliveryAdmin } from './admin.service';
import { DeliveryService, type DeliveryOptions } from './delivery.service';
import { NotificationHousekeeping } from './housekeeping.service';
import { NoticeKinds, SCHEDULING_KINDS } from './kinds';
import { notificationsJobs } from './notifications.jobs';
import { NotificationsService } from './notifications.service';
import { EmailOutbox } from './outbox.service';
import { SecretBox } from './secrets';
import { UnreachableService } from './unreachable.service';

export { Notification, EMAIL_STATUSES, type EmailStatus } from './notification.model';
export { Delivery } from './delivery.model';
export { OutboxEntry } from './outbox.model';
export { EmailOutbox, DRAIN_OUTBOX_JOB, retryDelayMs, type DrainOptions } from './outbox.service';
export { notificationsRoutes } from './notifications.routes';
export { localiseParams } from './params';
export { NotificationsService, type NoticeInput, type InboxItem } from './notifications.service';
export { DeliveryService, DeliveryFailedError, SEND_EMAIL_JOB, DELIVERY_DEFAULTS, classifySmtpError, type DeliveryOutcome } from './delivery.service';
export { NoticeKinds, noticeEmailsDir, type NoticeKind, type EmailNotice } from './kinds';
export { notificationsJobs, SEND_EMAIL_DEFAULTS, type SendEmailJobOptions } from './notifications.jobs';
export { NotificationHousekeeping, RETENTION } from './housekeeping.service';
export { rebuildInbox } from './inbox.read-model';
export { judge } from './delivery.ledger';

/** Options tests (and the benchmark) set; the app runs with the defaults. */
export interface NotificationsOptions {
  delivery?: Partial<DeliveryOptions>;
  queue?: JobQueue;
}

/**
 * Notices: the in-app inbox, email delivery through the ledger, the kinds that are emailed (other
 * modules register theirs), housekeeping, and the admin pages.
 */
export function createNotificationsModule(deps: ServiceDeps, options: NotificationsOptions = {}) {
  const kinds = new NoticeKinds();
  kinds.register(...SCHEDULING_KINDS);
  const queue = options.queue ?? createJobQueue(deps.connection);
  const renderer = new EmailRenderer(deps.i18n, deps.config.appUrl, { cache: deps.config.isProduction });
  const secrets = new SecretBox(deps.config.sessionSecret);
  const delivery = new DeliveryService({
    connection: deps.connection,
    clock: deps.clock,
    mailer: deps.mailer,
    renderer,
    i18n: deps.i18n,
    appUrl: deps.config.appUrl,
    kinds,
    secrets,
    logger: deps.logger,
    options: options.delivery,
  });
  const outbox = new EmailOutbox({ connection: deps.connection, delivery, logger: deps.logger });
  const service = new NotificationsService({ clock: deps.clock, dispatch: { kinds, queue, delivery, outbox, secrets, logger: deps.logger } });
  const housekeeping = new NotificationHousekeeping({ connection: deps.connection, clock: deps.clock, queue, outbox });
  const admin = new DeliveryAdmin({ clock: deps.clock, queue, delivery, outbox, kinds, mailer: deps.mailer, renderer, i18n: deps.i18n });
  return {
    service,
    kinds,
    delivery,
    outbox,
    queue,
    housekeeping,
    admin,
    unreachable: new UnreachableService(),
    jobs: notificationsJobs({ delivery, outbox, housekeeping, queue }),
  };
}
export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
