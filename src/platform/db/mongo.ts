import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../../config';
import type { Logger } from '../logger';
import { startEmbeddedDb, type EmbeddedDb } from './ferretdb';

/** Query hardening for every model: operator objects in filters are neutralised, unknown paths throw. */
export function hardenMongoose(): void {
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', 'throw');
  // Indexes are built by buildIndexes() at boot, one at a time: mongoose's automatic build runs the
  // models' builds concurrently, and on FerretDB (SQLite) one of them was silently lost that way.
  mongoose.set('autoIndex', false);
  // While the database is away, queued commands fail after 3 s (the page answers 503) instead of 10 s.
  mongoose.set('bufferTimeoutMS', DB_WAIT_MS);
}

/**
 * How long a request waits for an unreachable database before it fails (server selection and
 * mongoose's queue): short, so a visitor gets the 503 page promptly; the driver keeps reconnecting
 * in the background and the next request succeeds once the database is back.
 */
export const DB_WAIT_MS = 3000;

/**
 * Builds every model's indexes, one model after another, then checks each declared index exists.
 * Uniqueness rules rest on these indexes, so a missing one stops the boot instead of going unnoticed.
 */
export async function buildIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
    const present = new Set((await model.collection.indexes()).map((i) => JSON.stringify(i.key)));
    for (const [fields] of model.schema.indexes()) {
      if (!present.has(JSON.stringify(fields))) throw new Error(`Index ${JSON.stringify(fields)} on ${model.collection.name} was not built.`);
    }
  }
}

export interface Database {
  readonly connection: mongoose.Connection;
  readonly uri: string;
  /** True on FerretDB: lets code pick the portable form and lets pages say where data lives. */
  readonly isFerret: boolean;
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Answers whether the server replies to `ping` within the timeout; never throws. */
export async function pingConnection(connection: mongoose.Connection, timeoutMs = 1500): Promise<boolean> {
  if (connection.readyState !== 1 || !connection.db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answer = connection.db
      .command({ ping: 1 }, { timeoutMS: timeoutMs })
      .then((r) => r.ok === 1)
      .catch(() => false);
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects mongoose to MONGODB_URI, or starts the embedded FerretDB under DATA_DIR when it is not set.
 * Waits until the server answers `ping`.
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  hardenMongoose();
  let embedded: EmbeddedDb | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const dir = path.join(config.dataDir, 'ferretdb');
    embedded = await startEmbeddedDb({ dir, log: (m) => logger.info(m) });
    uri = embedded.uri;
    logger.info({ dir }, 'embedded FerretDB started');
  }
  const connection = await openConnection(uri, config.dbName);
  const isFerret = await detectFerret(connection);
  logger.info({ db: config.dbName, ferretdb: isFerret }, 'database connected');
  return {
    connection,
    uri,
    isFerret,
    ping: (t) => pingConnection(connection, t),
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** Opens the default mongoose connection and waits for a `ping` answer (FerretDB may need a moment). */
export async function openConnection(uri: string, dbName: string): Promise<mongoose.Connection> {
  const deadline = Date.now() + 15000;
  // The first connection may find the server still starting: try again until the deadline.
  for (;;) {
    try {
      // monitorCommands: write observers (observeWrites) learn of every write this process makes.
      await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: DB_WAIT_MS, monitorCommands: true });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await mongoose.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  while (!(await pingConnection(mongoose.connection, 2000))) {
    if (Date.now() > deadline) throw new Error('The database does not answer ping.');
    await new Promise((r) => setTimeout(r, 200));
  }
  return mongoose.connection;
}

async function detectFerret(connection: mongoose.Connection): Promise<boolean> {
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}
