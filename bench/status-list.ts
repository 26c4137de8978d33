/**
 * `npx tsx bench/status-list.ts [-- --certificates 20000 --runs 5]`
 *
 * The revocation status list (`/credentials/status/1`) on a throw-away embedded FerretDB (or
 * MONGODB_URI, database `takaru_bench_status`, dropped first) with that many certificates, each with
 * a taken bit, 1 % revoked. Prints the median time of a rebuild (two scans: slots and revoked
 * certificates, then gzip and signing), of a cached answer (one read by `_id` of the version) and
 * of 10 parallel requests right after a revocation (they share one rebuild).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { ManualClock } from '../src/platform/clock';
import { startEmbeddedDb, type EmbeddedDb } from '../src/platform/db/ferretdb';
import { buildIndexes, hardenMongoose, openConnection } from '../src/platform/db/mongo';
import { AuditService } from '../src/modules/audit';
import { Certificate, CertificatesService } from '../src/modules/certificates';
import { CredentialsService } from '../src/modules/certificates/credentials.service';
import { StatusListSlot, markRevocationsChanged, revokedIndexes } from '../src/modules/certificates/status-list';

const DB = 'takaru_bench_status';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, before: () => Promise<unknown>, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main() {
  const count = arg('certificates', 20_000);
  const runs = arg('runs', 5);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-status-'));
  let embedded: EmbeddedDb | undefined;
  try {
    const external = process.env.MONGODB_URI;
    if (!external) embedded = await startEmbeddedDb({ dir: path.join(tmp, 'ferretdb') });
    hardenMongoose();
    await openConnection(external ?? embedded!.uri, DB);
    if (mongoose.connection.db!.databaseName !== DB) throw new Error('not the bench database');
    await mongoose.connection.db!.dropDatabase();
    await buildIndexes();
    const now = new Date();
    const units = [1, 2, 3].map((n) => ({ code: `C.24LAS01.0${n}0.1`, title: { id: 'Membuat Sambungan Las Kampuh Posisi Datar', en: 'Make groove welds in the flat position' } }));
    for (let from = 0; from < count; from += 1000) {
      const certs = Array.from({ length: Math.min(1000, count - from) }, (_, k) => {
        const i = from + k;
        return {
          _id: new Types.ObjectId(), number: `TKR/2026/LAS/${String(i).padStart(6, '0')}`, verifyCode: `bench${String(i).padStart(27, '0')}`,
          worker: new Types.ObjectId(), holderName: `Pekerja Bench ${i}`, scheme: new Types.ObjectId(), schemeName: 'Juru Las SMAW 3G', kkniLevel: 2,
          issuingBody: { kind: 'lsp', name: 'LSP Bench' }, trade: 'welding', units, issueDate: now, validity: { kind: 'fixed_term', years: 3 },
          source: 'assessment', issuedBy: new Types.ObjectId(), ...(i % 100 === 0 ? { revokedAt: now, revocationReason: 'bench', revocationCategory: 'other' } : {}),
        };
      });
      await Certificate.insertMany(certs, { lean: true });
      await StatusListSlot.insertMany(certs.map((c, k) => ({ _id: `1:${from + k}`, list: 1, index: from + k, certificate: c._id, at: now })), { lean: true });
    }
    const clock = new ManualClock(now);
    const service = new CredentialsService({ clock, appUrl: 'https://skills.example.id', certificates: new CertificatesService({ clock, audit: new AuditService({ clock }) }) });
    await service.statusList(1);
    const scan = await time(runs, async () => {}, () => revokedIndexes(1));
    const rebuild = await time(runs, () => markRevocationsChanged(now), () => service.statusList(1));
    const cached = await time(runs, async () => {}, () => service.statusList(1));
    const burst = await time(runs, () => markRevocationsChanged(now), () => Promise.all(Array.from({ length: 10 }, () => service.statusList(1))));
    const revoked = (await revokedIndexes(1))!.length;
    console.log(`${count} certificates, ${revoked} revoked, on ${external ? 'MongoDB' : 'FerretDB'}:`);
    console.log(`  the two scans (slots, revoked certificates): ${scan.toFixed(0)} ms`);
    console.log(`  rebuild after a revocation (scans + gzip + sign): ${rebuild.toFixed(0)} ms`);
    console.log(`  cached answer (version read by _id): ${cached.toFixed(1)} ms`);
    console.log(`  10 parallel requests right after a revocation (one shared rebuild): ${burst.toFixed(0)} ms`);
  } finally {
    await mongoose.disconnect();
    await embedded?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
