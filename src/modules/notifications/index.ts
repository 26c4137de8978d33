import type { ServiceDeps } from '../../platform/deps';
import { NotificationsService } from './notifications.service';

export { Notification } from './notification.model';
export { notificationsRoutes } from './notifications.routes';
export { NotificationsService, type NoticeInput, type InboxItem } from './notifications.service';

/** In-app notifications (the inbox); the reminders issue adds email delivery from the same records. */
export function createNotificationsModule(deps: ServiceDeps) {
  return { service: new NotificationsService({ clock: deps.clock }) };
}
export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
