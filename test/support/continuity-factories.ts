import { Types } from 'mongoose';
import { ContinuityEntry, continuityChanged, type WeldingProcess } from '../../src/modules/continuity';
import { wibToUtc } from '../../src/platform/time';

/** Midnight WIB of an ISO date: how continuity dates are stored. */
export const wibDay = (date: string): Date => wibToUtc(date, '00:00')!;

/** A continuity entry on a WIB date ("2026-01-15"); a use of the process unless `kind` says otherwise. */
export async function logUse(
  worker: Types.ObjectId | string,
  process: WeldingProcess,
  date: string,
  overrides: Partial<{ kind: 'use' | 'test_weld'; evidence: string; supervisor: string; recordedBy: Types.ObjectId }> = {},
) {
  const entry = await ContinuityEntry.create({
    worker: new Types.ObjectId(String(worker)),
    process,
    date: wibDay(date),
    kind: 'use',
    evidence: 'JO-UJI-001',
    supervisor: 'Pengawas Uji',
    ...overrides,
  });
  await continuityChanged({ workers: [worker] });
  return entry;
}
