import { Types } from 'mongoose';
import type { ServiceDeps } from '../../platform/deps';
import { User } from '../accounts';
import type { Trade } from '../catalogue/trades';
import { Workshop } from '../workshops';
import {
  DEFAULT_PROFILE, DEMO_WORKER, FAMILY_NAMES, FEMALE_FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, POSITIONS, SINGLE_NAMES, WORKSHOP_PROFILES,
} from './demo-workers.data';
import { Worker } from './worker.model';
import { joinDateToUtc } from './worker-rules';
import { workersChanged } from './workers.read-models';
import { prng } from '../../platform/prng';

export interface DemoWorker {
  name: string;
  phone: string;
  email?: string;
  workshop: string;
  trades: Trade[];
  position: string;
  joinedAt: string;
  nik?: string;
}

const ANCHOR = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/**
 * Synthetic workers for the demo and for benchmarks: `count` workers spread over `workshops` (3–15
 * each at demo scale, more when `count` asks for it), with names, trades fitting each workshop,
 * job titles, synthetic phone numbers (+62 812-26xx-xxxx, unique per index), join dates and a NIK
 * for about 40 %. The same arguments always give the same list.
 */
export function generateDemoWorkers(workshops: readonly string[], count = 160, seed = 20261128): DemoWorker[] {
  if (workshops.length === 0 || count <= 0) return [];
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const weighted = <T>(list: readonly (readonly [T, number])[]): T => {
    let r = rnd() * list.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of list) if ((r -= w) < 0) return v;
    return list[list.length - 1]![0];
  };
  const sizes = spread(workshops.length, count, rnd);
  const usedNiks = new Set<string>([DEMO_WORKER.nik]);
  const out: DemoWorker[] = [];
  workshops.forEach((workshop, wi) => {
    const profile = WORKSHOP_PROFILES[workshop] ?? DEFAULT_PROFILE;
    for (let k = 0; k < sizes[wi]!; k++) {
      const i = out.length + 1;
      const female = rnd() < 0.12;
      const roll = rnd();
      const name = female
        ? `${pick(FEMALE_NAMES)} ${pick(FEMALE_FAMILY_NAMES)}`
        : roll < 0.15 ? pick(SINGLE_NAMES) : `${pick(MALE_NAMES)} ${pick(FAMILY_NAMES)}`;
      const trade = weighted(profile);
      const trades: Trade[] = [trade];
      const second = weighted(profile);
      if (second !== trade && rnd() < 0.3) trades.push(second);
      const worker: DemoWorker = {
        name,
        phone: `+62812${26000000 + i}`,
        workshop,
        trades,
        position: weighted(POSITIONS[trade]),
        joinedAt: new Date(ANCHOR - Math.floor(30 + rnd() * 6000) * DAY).toISOString().slice(0, 10),
      };
      if (rnd() < 0.1) worker.email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@pekerja.takaru.test`;
      if (rnd() < 0.4) worker.nik = demoNik(rnd, female, i, usedNiks);
      out.push(worker);
    }
  });
  return out;
}

/** Workers per workshop: 3–15 each, adjusted until they add up to `count`. */
function spread(n: number, count: number, rnd: () => number): number[] {
  const min = Math.min(3, Math.floor(count / n));
  const max = count <= 15 * n ? 15 : Math.ceil((count / n) * 1.5);
  const sizes = Array.from({ length: n }, () => min + Math.floor(rnd() * (Math.min(max, 15) - min + 1)));
  let sum = sizes.reduce((a, b) => a + b, 0);
  while (sum !== count) {
    const i = Math.floor(rnd() * n);
    if (sum < count && sizes[i]! < max) {
      sizes[i]! += 1;
      sum += 1;
    } else if (sum > count && sizes[i]! > min) {
      sizes[i]! -= 1;
      sum -= 1;
    }
  }
  return sizes;
}

/** 33 28 07 = Jawa Tengah, Kab. Tegal, a synthetic district; then DDMMYY of birth (+40 on the day for women) and a serial. */
function demoNik(rnd: () => number, female: boolean, i: number, used: Set<string>): string {
  const day = 1 + Math.floor(rnd() * 28) + (female ? 40 : 0);
  const month = 1 + Math.floor(rnd() * 12);
  const year = 70 + Math.floor(rnd() * 35);
  const p2 = (v: number) => String(v % 100).padStart(2, '0');
  let serial = i;
  let nik: string;
  do nik = `332807${p2(day)}${p2(month)}${p2(year)}${String(serial++ % 10000).padStart(4, '0')}`;
  while (used.has(nik));
  used.add(nik);
  return nik;
}

/**
 * Demo workers (synthetic), idempotent: matched by phone, only missing ones are created; the demo
 * worker account pekerja@takaru.test gets its worker record "Ahmad Nurhadi" linked to it.
 * `count` scales the generator (e.g. for a benchmark database). Returns the records created.
 */
export async function seedWorkersDemo(_deps: ServiceDeps, opts: { count?: number; seed?: number } = {}): Promise<number> {
  const all = await Workshop.find({ archived: false }, { name: 1 }).sort({ name: 1 }).lean();
  const demo = all.filter((w) => WORKSHOP_PROFILES[w.name]);
  const workshops = demo.length > 0 ? demo : all;
  if (workshops.length === 0) return 0;
  const idByName = new Map(workshops.map((w) => [w.name, w._id]));
  const existing = new Set((await Worker.find({}, { phone: 1 }).lean()).map((w) => w.phone));
  const missing = generateDemoWorkers(workshops.map((w) => w.name), opts.count ?? 160, opts.seed)
    .filter((w) => !existing.has(w.phone))
    .map((w) => ({ ...w, workshop: idByName.get(w.workshop)!, joinedAt: joinDateToUtc(w.joinedAt), active: true }));
  for (let at = 0; at < missing.length; at += 500) await Worker.insertMany(missing.slice(at, at + 500));
  const demoShop = await linkDemoWorker();
  await workersChanged({ workshops: [...missing.map((w) => w.workshop), ...(demoShop ? [demoShop] : [])] });
  return missing.length + (demoShop ? 1 : 0);
}

/** Links (or creates) the demo worker's record; returns the workshop when it created the record. */
async function linkDemoWorker(): Promise<Types.ObjectId | null> {
  const user = await User.findOne({ email: DEMO_WORKER.email }, { _id: 1, workshop: 1 }).lean();
  const workshop = await Workshop.findOne({ name: DEMO_WORKER.workshop }, { _id: 1 }).lean();
  if (!user || !workshop) return null;
  const record = await Worker.findOne({ phone: DEMO_WORKER.phone }, { user: 1 }).lean();
  if (record) {
    if (!record.user && !(await Worker.exists({ user: user._id }))) await Worker.updateOne({ _id: record._id }, { $set: { user: user._id } });
    return null;
  }
  const { email: _email, workshop: _name, joinedAt, ...fields } = DEMO_WORKER;
  await Worker.create({ ...fields, workshop: workshop._id as Types.ObjectId, joinedAt: joinDateToUtc(joinedAt), user: user._id });
  return workshop._id as Types.ObjectId;
}
