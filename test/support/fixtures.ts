/**
 * Mocha root fixtures: one database server for the whole run (the embedded FerretDB on a temporary
 * directory, or MONGODB_URI when set), a database whose name must end in `_test`, indexes built,
 * and every collection emptied before each test (deleteMany keeps the indexes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/platform/db/ferretdb';
import { buildIndexes, hardenMongoose, openConnection } from '../../src/platform/db/mongo';
import { loadConfig } from '../../src/config';
import '../../src/services';

export const TEST_DB = 'takaru_test';
let embedded: EmbeddedDb | undefined;
let tmp: string | undefined;

/** Refuses anything but a test database: these hooks delete every document. */
export function assertTestDatabase(name: string): void {
  if (!name.endsWith('_test')) throw new Error(`Refusing to run tests against database "${name}": its name must end in _test.`);
}

export async function mochaGlobalSetup(): Promise<void> {
  const external = loadConfig().mongodbUri;
  let uri = external;
  if (!uri) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'takaru-test-'));
    embedded = await startEmbeddedDb({ dir: path.join(tmp, 'ferretdb'), log: (m) => process.stderr.write(m + '\n') });
    uri = embedded.uri;
  }
  hardenMongoose();
  assertTestDatabase(TEST_DB);
  await openConnection(uri, TEST_DB);
  assertTestDatabase(mongoose.connection.db!.databaseName);
  await mongoose.connection.db!.dropDatabase();
  await buildIndexes();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await mongoose.disconnect();
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

export const mochaHooks = {
  async beforeEach(): Promise<void> {
    const db = mongoose.connection.db;
    if (!db) return;
    assertTestDatabase(db.databaseName);
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(collections.map((c) => db.collection(c.name).deleteMany({})));
  },
};
