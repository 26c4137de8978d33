import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { cachedUnits, courseNames, localized } from '../catalogue';
import { cachedWorkers, findWorkerIdByUser } from '../workers';
import { currentLevelsFrom, levelGap, pairEvents } from './gains';
import { findProfileByPosition } from './job-profiles.service';
import { levelHistory } from './levels.service';

export interface SkillHistoryItem {
  at: Date;
  kind: 'pre' | 'post';
  level: number;
  courseCode: string;
  courseTitle: string;
}

export interface SkillGainItem {
  at: Date;
  courseCode: string;
  courseTitle: string;
  pre?: number;
  post?: number;
  gain?: number;
  normalisedGain?: number;
}

export interface MySkill {
  unitId: string;
  code: string;
  title: string;
  synthetic: boolean;
  /** Required by the job profile, or null for a unit it does not require. */
  required: number | null;
  /** The latest assessed level, or null when never assessed. */
  current: number | null;
  gap: number;
  /** Newest first. */
  history: SkillHistoryItem[];
  /** One per class that assessed the unit, newest first. */
  gains: SkillGainItem[];
}

export interface MySkills {
  /** Null when the account has no worker record. */
  worker: { name: string; position: string } | null;
  profile: { position: string; title: string } | null;
  /** The units the job profile requires, in its order. */
  required: MySkill[];
  /** Units assessed that the profile does not require. */
  others: MySkill[];
  summary: { met: number; total: number; totalGap: number };
}

const EMPTY: Omit<MySkills, 'worker'> = { profile: null, required: [], others: [], summary: { met: 0, total: 0, totalGap: 0 } };

/** A worker's own levels against their job profile, with history and gains: "My skills". */
export class MySkillsService {
  /** @throws ForbiddenError for accounts without the worker role */
  async mySkills(actor: Actor, lng: Language): Promise<MySkills> {
    if (!hasRole(actor, 'worker')) throw new ForbiddenError();
    const workerId = await findWorkerIdByUser(actor.id);
    // The worker and the units from the rows held in memory (workers.cache.ts, catalogue.cache.ts).
    const worker = workerId ? ((await cachedWorkers.pick([workerId])).get(workerId) ?? null) : null;
    if (!worker) return { worker: null, ...EMPTY };
    const [profile, events] = await Promise.all([findProfileByPosition(worker.position), levelHistory(String(worker._id))]);
    const unitIds = [...new Set([...(profile?.requirements ?? []).map((r) => r.unitId), ...events.map((e) => e.unitId)])];
    const [units, courses] = await Promise.all([
      unitIds.length ? cachedUnits.pick(unitIds).then((m) => [...m.values()]) : [],
      courseNames([...new Set(events.map((e) => e.courseId))], lng),
    ]);
    const unitById = new Map(units.map((u) => [String(u._id), u]));
    const current = currentLevelsFrom(events).get(String(worker._id));
    const pairs = pairEvents(events, () => ({ trade: '', workshopId: '' }));
    const course = (id: string) => courses.get(id) ?? { code: '—', title: '' };

    const skill = (unitId: string, required: number | null): MySkill[] => {
      const u = unitById.get(unitId);
      if (!u) return [];
      const level = current?.get(unitId)?.level ?? null;
      return [{
        unitId,
        code: u.code,
        title: localized(u.title, lng),
        synthetic: !!u.synthetic,
        required,
        current: level,
        gap: levelGap(required, level),
        history: events
          .filter((e) => e.unitId === unitId)
          .reverse()
          .map((e) => ({ at: e.assessedAt, kind: e.kind, level: e.level, courseCode: course(e.courseId).code, courseTitle: course(e.courseId).title })),
        gains: pairs
          .filter((p) => p.unitId === unitId)
          .map((p) => ({ at: (p.postAt ?? p.preAt)!, courseCode: course(p.courseId).code, courseTitle: course(p.courseId).title, pre: p.pre, post: p.post, gain: p.gain, normalisedGain: p.normalisedGain }))
          .sort((a, b) => b.at.getTime() - a.at.getTime()),
      }];
    };
    const requiredIds = new Set((profile?.requirements ?? []).map((r) => r.unitId));
    const required = (profile?.requirements ?? []).flatMap((r) => skill(r.unitId, r.level));
    const others = unitIds.filter((id) => !requiredIds.has(id)).flatMap((id) => skill(id, null)).sort((a, b) => a.code.localeCompare(b.code));
    return {
      worker: { name: worker.name, position: worker.position ?? '' },
      profile: profile ? { position: profile.position, title: localized(profile.title, lng) } : null,
      required,
      others,
      summary: { met: required.filter((s) => s.gap === 0).length, total: required.length, totalGap: required.reduce((n, s) => n + s.gap, 0) },
    };
  }
}
