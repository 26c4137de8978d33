import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { startEmbeddedDb } from '../../src/platform/db/ferretdb';
import { pingConnection } from '../../src/platform/db/mongo';
import { buildApp } from '../support/harness';

describe('GET /health', () => {
  it('says ok when the database answers', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/health').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', db: 'up' });
  });

  it('answers 503 with db down, promptly, when the database process is gone', async function () {
    this.timeout(30000);
    // A second, real FerretDB process that this test stops.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'takaru-health-'));
    const db = await startEmbeddedDb({ dir });
    const connection = await mongoose.createConnection(db.uri, { dbName: 'health_test', serverSelectionTimeoutMS: 1000 }).asPromise();
    try {
      const { app } = buildApp({ ping: () => pingConnection(connection, 1000) });
      expect((await request(app).get('/health').expect(200)).body.db).to.equal('up');
      await db.stop();
      const started = Date.now();
      const res = await request(app).get('/health');
      expect(res.status).to.equal(503);
      expect(res.body).to.deep.equal({ status: 'error', db: 'down' });
      expect(Date.now() - started).to.be.below(5000);
    } finally {
      await connection.close(true).catch(() => undefined);
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
