import type { Config } from '../config';

/**
 * Whether this process loads the demo data now. Never into a database that has accounts, never from
 * a job worker (the web process does it), and in production only when SEED_DEMO=always says so:
 * the demo accounts and their password are published in the README.
 */
export function shouldSeedDemo(config: Pick<Config, 'seedDemo' | 'isProduction' | 'role'>, dbEmpty: boolean): boolean {
  if (!dbEmpty || config.role === 'worker') return false;
  if (config.seedDemo === 'always') return true;
  return config.seedDemo === 'auto' && !config.isProduction;
}
