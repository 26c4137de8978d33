import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedDbError, ensureFerretBinary } from '../../src/platform/db/ferretdb';

describe('embedded database launcher', () => {
  it('says what to do when neither MONGODB_URI nor Go is available', () => {
    const missing = path.join(os.tmpdir(), `no-ferretdb-${process.pid}`, 'ferretdb');
    let error: unknown;
    try {
      ensureFerretBinary(() => undefined, { binary: missing, go: 'go-is-not-installed-here' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(EmbeddedDbError);
    expect((error as Error).message).to.include('MONGODB_URI').and.include('install Go');
  });
});
