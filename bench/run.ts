/**
 * `npm run bench`: every benchmark in turn, each printing its own table. Each takes minutes on the
 * embedded FerretDB; run one alone with `npm run bench:<name>` (see the README's Benchmarks).
 */
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../src/platform/paths';

const BENCHES = ['notifications', 'reports', 'load'];
let failed = 0;
for (const name of BENCHES) {
  process.stdout.write(`\n== npm run bench:${name}\n`);
  const r = spawnSync('npm', ['run', `bench:${name}`], { cwd: projectRoot(), stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
