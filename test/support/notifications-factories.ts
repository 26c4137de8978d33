import mongoose, { type Connection, type Types } from 'mongoose';
import { Notification } from '../../src/modules/notifications';
import { Worker } from '../../src/modules/workers';
import { startJobRunner, type JobRunner } from '../../src/platform/jobs/agenda';
import type { JobDefinition } from '../../src/platform/jobs/registry';
import { createUser, createWorkshop } from './factories';
import { silentLogger } from './harness';

let seq = 0;

/** A worker with a login account (the account's email and language are used). */
export async function accountWorker(opts: { email?: string | null; language?: 'id' | 'en'; emailOptional?: boolean; name?: string } = {}) {
  seq++;
  const workshop = await createWorkshop();
  const user = await createUser({ roles: ['worker'], workshop: workshop._id, email: opts.email, language: opts.language ?? 'id', ...(opts.name ? { name: opts.name } : {}) });
  if (opts.emailOptional === false) await mongoose.model('User').updateOne({ _id: user._id }, { $set: { emailOptional: false } });
  const worker = await Worker.create({ name: user.name, workshop: workshop._id, user: user._id, phone: `+62813880${String(seq).padStart(5, '0')}` });
  return { user, worker, workshop };
}

/** A worker record without an account, with or without an email address. */
export async function recordWorker(opts: { email?: string; workshop?: Types.ObjectId; name?: string } = {}) {
  seq++;
  const workshop = opts.workshop ?? (await createWorkshop())._id;
  return Worker.create({ name: opts.name ?? `Pekerja Tanpa Akun ${seq}`, workshop, email: opts.email, phone: `+62813770${String(seq).padStart(5, '0')}` });
}

/** Many worker records with distinct emails, inserted at once (for backlogs). */
export async function manyWorkers(count: number): Promise<string[]> {
  const workshop = (await createWorkshop())._id;
  const base = ++seq * 100000;
  const docs = Array.from({ length: count }, (_, i) => ({
    name: `Pekerja Massal ${base + i}`,
    workshop,
    email: `massal${base + i}@pekerja.takaru.test`,
    phone: `+6281${String(base + i).padStart(9, '0')}`,
  }));
  const rows = await Worker.insertMany(docs);
  return rows.map((r) => String(r._id));
}

export async function pendingIds(): Promise<string[]> {
  return (await Notification.find({ 'email.status': 'pending' }, { _id: 1 }).lean()).map((n) => String(n._id));
}

/** A second connection to the test database: what another worker process would have. */
export async function secondConnection(): Promise<Connection> {
  const client = mongoose.connection.getClient();
  const hosts = client.options.hosts.map((h) => h.toString());
  const conn = mongoose.createConnection(`mongodb://${hosts.join(',')}/`, { dbName: mongoose.connection.db!.databaseName });
  await conn.asPromise();
  return conn;
}

/** The test database's address, for child processes. */
export function testDbUri(): { uri: string; dbName: string } {
  const hosts = mongoose.connection.getClient().options.hosts.map((h) => h.toString());
  return { uri: `mongodb://${hosts.join(',')}/`, dbName: mongoose.connection.db!.databaseName };
}

/** A job runner polling fast, for the given jobs only. */
export function runJobs(jobs: JobDefinition[], connection: Connection = mongoose.connection, processEveryMs = 100): Promise<JobRunner> {
  return startJobRunner({ connection, jobs, logger: silentLogger, processEveryMs });
}
