/**
 * `node bench/support/cpu-top.cjs FILE.cpuprofile [N]`: the N (30) functions with the most self time
 * in a V8 CPU profile (the load benchmark's `--cpu-prof DIR`), and the same summed per file.
 */
'use strict';
const fs = require('node:fs');

const [file, n = '30'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/support/cpu-top.cjs FILE.cpuprofile [N]\n');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fns = new Map();
const files = new Map();
for (const [id, us] of self) {
  const f = byId.get(id).callFrame;
  const where = f.url ? f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') : '(native)';
  const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  files.set(where, (files.get(where) ?? 0) + us);
}
const print = (title, m) => {
  process.stdout.write(`${title}\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}\n`);
};
print(`self time, ${(total / 1e6).toFixed(1)} s sampled — by function:`, fns);
print('by file:', files);
