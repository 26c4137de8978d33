import { Types, trusted } from 'mongoose';
import type { Language } from '../../platform/i18n';
import { CompetencyUnit, localized } from '../catalogue';
import { Worker } from '../workers';
import { workshopNames } from '../workshops';
import { CertificationScheme } from './scheme.model';

export interface WorkerOption {
  id: string;
  name: string;
}
export interface WorkerGroup {
  workshop: string;
  workers: WorkerOption[];
}
export interface SchemeOption {
  id: string;
  name: string;
  kkniLevel: number;
}
export interface UnitChoice {
  id: string;
  code: string;
  title: string;
}

export const oid = (id: string) => new Types.ObjectId(id);
export const isId = (id: unknown): id is string => typeof id === 'string' && /^[a-f0-9]{24}$/.test(id);
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Active workers grouped by workshop (both by name): the worker choice of the forms. */
export async function workerGroups(): Promise<WorkerGroup[]> {
  const rows = await Worker.find({ active: true }, { name: 1, workshop: 1 }).sort({ name: 1, _id: 1 }).lean();
  const names = await workshopNames([...new Set(rows.map((w) => String(w.workshop)))]);
  const groups = new Map<string, WorkerOption[]>();
  for (const w of rows) {
    const key = names.get(String(w.workshop)) ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), { id: String(w._id), name: w.name }]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'id')).map(([workshop, workers]) => ({ workshop, workers }));
}

/** Schemes by name; only active ones unless `all`. */
export async function schemeOptions(all = false): Promise<SchemeOption[]> {
  const rows = await CertificationScheme.find(all ? {} : { active: true }, { name: 1, kkniLevel: 1 }).sort({ name: 1 }).lean();
  return rows.map((s) => ({ id: String(s._id), name: s.name, kkniLevel: s.kkniLevel }));
}

/** Units by id, in the order given, with the title in the page language. */
export async function unitChoices(ids: readonly unknown[], lng: Language): Promise<UnitChoice[]> {
  const valid = ids.map(String).filter(isId);
  if (valid.length === 0) return [];
  const rows = await CompetencyUnit.find({ _id: trusted({ $in: valid.map(oid) }) }, { code: 1, title: 1 }).lean();
  const byId = new Map(rows.map((u) => [String(u._id), u]));
  return valid.flatMap((id) => {
    const u = byId.get(id);
    return u ? [{ id, code: u.code, title: localized(u.title, lng) }] : [];
  });
}

/** Every competency unit, by code: the unit choice of the scheme and history forms. */
export async function allUnitChoices(lng: Language): Promise<UnitChoice[]> {
  const rows = await CompetencyUnit.find({}, { code: 1, title: 1 }).sort({ code: 1 }).lean();
  return rows.map((u) => ({ id: String(u._id), code: u.code, title: localized(u.title, lng) }));
}

/** Snapshot of units for a certificate: code and both titles, in the order given; unknown ids dropped. */
export async function unitSnapshots(ids: readonly string[]) {
  const valid = ids.filter(isId);
  const rows = await CompetencyUnit.find({ _id: trusted({ $in: valid.map(oid) }) }, { code: 1, title: 1 }).lean();
  const byId = new Map(rows.map((u) => [String(u._id), u]));
  return valid.flatMap((id) => {
    const u = byId.get(id);
    return u ? [{ unit: u._id, code: u.code, title: { id: u.title?.id ?? '', en: u.title?.en ?? '' } }] : [];
  });
}
