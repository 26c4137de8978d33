import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { expect } from 'chai';
import { Credential, User } from '../../src/modules/accounts';
import { projectRoot } from '../../src/platform/paths';
import { buildApp } from '../support/harness';
import { signIn } from '../support/http';
import { TEST_DB } from '../support/fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run create-admin` as a production operator runs it: a child process, no terminal, the test database. */
function createAdminCli(args: string[]): Promise<Run> {
  const { host, port } = mongoose.connection;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts', 'create-admin.ts'), ...args], {
      cwd: projectRoot(),
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        NODE_ENV: 'production',
        MONGODB_URI: `mongodb://${host}:${port}/`,
        DB_NAME: TEST_DB,
        APP_URL: 'https://skills.example.id',
        SESSION_SECRET: 'cli-secret-cli-secret-cli-secret-cli-0001',
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'takaru-cli-')),
        LOG_LEVEL: 'warn',
      },
    }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('npm run create-admin', () => {
  it('creates an admin with a generated password that logs in over HTTP, and refuses a duplicate', async function () {
    this.timeout(120_000);
    const first = await createAdminCli(['--email', 'Kepala@Example.id', '--name', 'Rina Kusumawati', '--phone', '0812-2500-0999']);
    expect(first.code, first.stderr).to.equal(0);
    const password = /Password[^:]*: (\S+)$/m.exec(first.stdout)?.[1];
    expect(password, first.stdout).to.be.a('string');
    expect(password!.length).to.be.at.least(20);

    const user = await User.findOne({ email: 'kepala@example.id' }).lean();
    expect(user).to.include({ name: 'Rina Kusumawati', phone: '+6281225000999', active: true });
    expect(user!.roles).to.deep.equal(['admin']);
    expect((await Credential.findById(user!._id).lean())!.passwordHash).to.match(/^\$argon2id\$/);

    const { app } = buildApp();
    const admin = await signIn(app, 'kepala@example.id', password!);
    await admin.get('/admin/users').expect(200);

    const again = await createAdminCli(['--email', 'kepala@example.id', '--name', 'Someone Else']);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.match(/No account was created[\s\S]*email: Already used by another account/);
    expect(again.stdout).not.to.match(/Password/);
    expect(await User.countDocuments()).to.equal(1);
  });

  it('refuses to run without a terminal when the name is missing, creating nothing', async function () {
    this.timeout(60_000);
    const run = await createAdminCli(['--email', 'a@example.id']);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('--email and --name are required');
    expect(await User.countDocuments()).to.equal(0);
  });
});
