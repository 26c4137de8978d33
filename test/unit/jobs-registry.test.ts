import { expect } from 'chai';
import { collectJobs } from '../../src/platform/jobs/registry';

const noop = async () => undefined;

describe('job registry', () => {
  it('accepts <module>:<verb-noun> names, once each', () => {
    expect(collectJobs([{ name: 'accounts:purge-reset-tokens', handler: noop }], [{ name: 'platform:purge-rate-limits', handler: noop }])).to.have.length(2);
  });

  it('refuses a badly named or duplicated job', () => {
    expect(() => collectJobs([{ name: 'PurgeThings', handler: noop }])).to.throw(/<module>:<verb-noun>/);
    expect(() => collectJobs([{ name: 'a:b', handler: noop }], [{ name: 'a:b', handler: noop }])).to.throw(/twice/);
  });
});
