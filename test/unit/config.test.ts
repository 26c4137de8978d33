import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';
import { shouldSeedDemo } from '../../src/demo/seed-policy';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'takaru-config-'));

describe('config', () => {
  it('has working defaults for development', () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).to.include({ port: 3000, role: 'all', isProduction: false, appUrl: 'http://localhost:3000', mongodbUri: undefined, smtpUrl: undefined });
    expect(c.outboxDir).to.equal(path.join(dir, 'outbox'));
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('generates a session secret once in development and keeps it under DATA_DIR', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).to.be.at.least(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).to.equal(first);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).to.equal(first);
  });

  it('requires SESSION_SECRET and APP_URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp(), APP_URL: 'https://skills.example.id' })).to.throw(ConfigError, /SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp(), SESSION_SECRET: 'x'.repeat(40) })).to.throw(ConfigError, /APP_URL/);
  });

  it('loads demo data into an empty database only outside production, unless SEED_DEMO=always', () => {
    const prod = { NODE_ENV: 'production', DATA_DIR: tmp(), APP_URL: 'https://skills.example.id', SESSION_SECRET: 'x'.repeat(40) };
    const decide = (env: Record<string, string>, empty = true) => shouldSeedDemo(loadConfig(env), empty);
    expect(loadConfig(prod).seedDemo).to.equal('auto');
    expect(decide(prod), 'production, SEED_DEMO unset').to.equal(false);
    expect(decide({ ...prod, SEED_DEMO: 'auto' })).to.equal(false);
    expect(decide({ ...prod, SEED_DEMO: 'always' }), 'production, asked explicitly').to.equal(true);
    expect(decide({ ...prod, SEED_DEMO: 'always' }, false), 'a database with accounts').to.equal(false);
    expect(decide({ ...prod, SEED_DEMO: 'always', ROLE: 'worker' }), 'job workers never seed').to.equal(false);
    expect(decide({ DATA_DIR: tmp() }), 'development').to.equal(true);
    expect(decide({ DATA_DIR: tmp(), SEED_DEMO: 'never' })).to.equal(false);
    expect(() => loadConfig({ DATA_DIR: tmp(), SEED_DEMO: 'yes' })).to.throw(ConfigError, /SEED_DEMO/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ ROLE: 'boss', PORT: 'eighty', MONGODB_URI: 'postgres://x', SMTP_URL: 'http://mail', DATA_DIR: tmp() });
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['ROLE', 'PORT', 'MONGODB_URI', 'SMTP_URL']) expect(problems).to.include(name);
    }
  });

  it('treats empty variables as unset (as .env.example leaves them)', () => {
    const c = loadConfig({ MONGODB_URI: '', SMTP_URL: ' ', APP_URL: '', ROLE: '', DATA_DIR: tmp() });
    expect(c.mongodbUri).to.equal(undefined);
    expect(c.smtpUrl).to.equal(undefined);
    expect(c.role).to.equal('all');
  });

  it('drops a trailing slash from APP_URL so links are built cleanly', () => {
    expect(loadConfig({ APP_URL: 'https://skills.example.id/', DATA_DIR: tmp() }).appUrl).to.equal('https://skills.example.id');
  });

  it('reads the class reminder hours, 24 and 2 by default, and refuses nonsense', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).reminderHours).to.deep.equal([24, 2]);
    expect(loadConfig({ REMINDER_HOURS: '24', DATA_DIR: tmp() }).reminderHours).to.deep.equal([24]);
    expect(loadConfig({ REMINDER_HOURS: ' 2, 48 ,24', DATA_DIR: tmp() }).reminderHours).to.deep.equal([48, 24, 2]);
    expect(() => loadConfig({ REMINDER_HOURS: '24h', DATA_DIR: tmp() })).to.throw(ConfigError, /REMINDER_HOURS/);
    expect(() => loadConfig({ REMINDER_HOURS: '0', DATA_DIR: tmp() })).to.throw(ConfigError, /REMINDER_HOURS/);
  });
});
