import mongoose, { type Connection, type Model, type Types } from 'mongoose';
import { isLanguage, type Language } from '../../platform/i18n';
import { User } from '../accounts/user.model';
import { Worker } from '../workers/worker.model';
import { Delivery } from './delivery.model';
import { Notification } from './notification.model';

/**
 * The models on a given connection: the app's own, or a second connection (tests run two job
 * runners on separate connections, as two worker processes would).
 */
export function modelsOn(connection: Connection) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: re-bound with the same schema
  const on = <M extends Model<any>>(m: M): M =>
    connection === mongoose.connection ? m : ((connection.models[m.modelName] ?? connection.model(m.modelName, m.schema)) as M);
  return { Notification: on(Notification), Delivery: on(Delivery), User: on(User), Worker: on(Worker) };
}
export type Models = ReturnType<typeof modelsOn>;

export interface Recipient {
  name: string;
  /** Absent: inbox only. */
  email?: string;
  language: Language;
  /** The person's choice for optional email (workers without an account cannot choose: yes). */
  emailOptional: boolean;
}

/**
 * Who a notice goes to, read at send time: the account (its email, else its worker record's), or a
 * worker record — and, once that worker has an account, the account's language and choice.
 * Deactivated accounts and inactive workers get no email.
 */
export async function findRecipient(models: Models, to: { user?: Types.ObjectId | null; worker?: Types.ObjectId | null }): Promise<Recipient | null> {
  let userId = to.user ?? undefined;
  let workerEmail: string | undefined;
  let workerName = '';
  if (!userId && to.worker) {
    const w = await models.Worker.findById(to.worker, { name: 1, email: 1, user: 1, active: 1 }).lean();
    if (!w) return null;
    if (!w.user) return { name: w.name, email: w.active ? (w.email ?? undefined) : undefined, language: 'id', emailOptional: true };
    userId = w.user;
    workerEmail = w.email ?? undefined;
    workerName = w.name;
  }
  if (!userId) return null;
  const u = await models.User.findById(userId, { name: 1, email: 1, language: 1, emailOptional: 1, active: 1 }).lean();
  if (!u) return workerName ? { name: workerName, language: 'id', emailOptional: true } : null;
  const language: Language = isLanguage(u.language) ? u.language : 'id';
  const base = { name: u.name, language, emailOptional: u.emailOptional !== false };
  if (!u.active) return base;
  if (!u.email && !workerEmail) workerEmail = (await models.Worker.findOne({ user: u._id }, { email: 1 }).lean())?.email ?? undefined;
  return { ...base, email: u.email ?? workerEmail };
}
