import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { assertCanBrowseCourses, assertCanManageCatalogue, assertCanViewCourse } from './catalogue.policy';
import type { CourseSearch } from './catalogue.schemas';
import { getCourseSummary, type CourseSummary } from './catalogue.options';
import { listUnitOptions, type UnitOption } from './competency-units.service';
import { CompetencyUnit } from './competency-unit.model';
import { Course } from './course.model';
import type { CourseInput, UnitRow } from './course.schemas';
import { courseTitle, pickLanguage } from './localized';
import { findPrerequisiteCycle } from './prerequisites';
import { assertObjectId, duplicateAs, escapeRegex, pageOf, PAGE_SIZE, type Page } from './shared';
import type { Trade } from './trades';

export interface CourseRow {
  id: string;
  code: string;
  title: string;
  /** The language the title is in (differs from the page's when it fell back). */
  titleLng: Language;
  trade: Trade;
  durationHours: number;
  active: boolean;
}

export interface CourseDetail extends CourseSummary {
  titleLng: Language;
  descriptionLng: Language;
  /** Courses that list this one as a prerequisite. */
  requiredBy: { id: string; code: string; title: string }[];
}

/** What the edit form starts from: the stored values in form-field shape. */
export interface CourseFormValues {
  code: string;
  title_id: string;
  title_en: string;
  description_id: string;
  description_en: string;
  trade: string;
  durationHours: number;
  defaultCapacity: number;
  minAttendancePct: number;
  prerequisites: string[];
  units: UnitRow[];
}

export interface CourseChoices {
  units: UnitOption[];
  courses: { id: string; code: string; title: string; active: boolean }[];
}

/** Refused prerequisites that would make courses require each other in a loop; names the loop. */
export class PrerequisiteCycleError extends ValidationError {
  constructor(readonly codes: string[]) {
    super({ prerequisites: 'catalogue:validation.prerequisite_cycle' });
  }
}

/** The course catalogue: what sessions run. */
export class CoursesService {
  /**
   * `upcomingSessions` counts the not-cancelled classes of a course that have not ended; it belongs
   * to scheduling, which depends on the catalogue, so it is handed in (none given: 0).
   */
  constructor(private readonly deps: { upcomingSessions?: (courseId: string) => Promise<number> } = {}) {}

  /** Courses by code; search by code or title, filter by trade and active/archived. @throws ForbiddenError */
  async listCourses(actor: Actor, search: CourseSearch, lng: Language): Promise<Page<CourseRow>> {
    assertCanBrowseCourses(actor);
    const filter: Record<string, unknown> = {};
    if (search.status !== 'all') filter.active = search.status === 'active';
    if (search.trade) filter.trade = search.trade;
    if (search.q) {
      const re = new RegExp(escapeRegex(search.q), 'i');
      filter.$or = [{ code: re }, { 'title.id': re }, { 'title.en': re }];
    }
    const [total, rows] = await Promise.all([
      Course.countDocuments(filter),
      Course.find(filter, { code: 1, title: 1, trade: 1, durationHours: 1, active: 1 })
        .sort({ code: 1 })
        .skip((search.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .lean(),
    ]);
    const items = rows.map((c) => {
      const title = pickLanguage(c.title, lng);
      return { id: String(c._id), code: c.code, title: title.text, titleLng: title.lng, trade: c.trade as Trade, durationHours: c.durationHours, active: c.active !== false };
    });
    return pageOf(items, total, search.page);
  }

  /** Everything about one course, for its page (every signed-in account). @throws NotFoundError */
  async getCourse(actor: Actor, id: string, lng: Language): Promise<CourseDetail> {
    assertCanViewCourse(actor);
    assertObjectId(id);
    const [summary, course, requiredBy] = await Promise.all([
      getCourseSummary(id, lng),
      Course.findById(id, { title: 1, description: 1 }).lean(),
      Course.find({ prerequisites: new Types.ObjectId(id) }, { code: 1, title: 1 }).sort({ code: 1 }).lean(),
    ]);
    return {
      ...summary,
      titleLng: pickLanguage(course?.title, lng).lng,
      descriptionLng: pickLanguage(course?.description, lng).lng,
      requiredBy: requiredBy.map((c) => ({ id: String(c._id), code: c.code, title: courseTitle(c, lng) })),
    };
  }

  /** The stored course in form shape, for the edit page. @throws NotFoundError, ForbiddenError */
  async getCourseForm(actor: Actor, id: string): Promise<{ id: string; code: string; active: boolean; values: CourseFormValues }> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const c = await Course.findById(id).lean();
    if (!c) throw new NotFoundError();
    return {
      id: String(c._id),
      code: c.code,
      active: c.active !== false,
      values: {
        code: c.code,
        title_id: c.title?.id ?? '',
        title_en: c.title?.en ?? '',
        description_id: c.description?.id ?? '',
        description_en: c.description?.en ?? '',
        trade: c.trade,
        durationHours: c.durationHours,
        defaultCapacity: c.defaultCapacity,
        minAttendancePct: c.minAttendancePct,
        prerequisites: (c.prerequisites ?? []).map(String),
        units: (c.units ?? []).map((u) => ({ unit: String(u.unit), level: String(u.level) })),
      },
    };
  }

  /** The units and other courses a course form offers (a course never offers itself). */
  async formChoices(actor: Actor, lng: Language, courseId?: string): Promise<CourseChoices> {
    assertCanManageCatalogue(actor);
    const [units, courses] = await Promise.all([
      listUnitOptions(lng),
      Course.find({}, { code: 1, title: 1, active: 1 }).sort({ active: -1, code: 1 }).lean(),
    ]);
    return {
      units,
      courses: courses
        .filter((c) => String(c._id) !== courseId)
        .map((c) => ({ id: String(c._id), code: c.code, title: courseTitle(c, lng), active: c.active !== false })),
    };
  }

  /**
   * Adds a course (active). @throws ValidationError for a taken code, unknown units or
   * prerequisites; ForbiddenError unless coordinator/admin.
   */
  async createCourse(actor: Actor, input: CourseInput): Promise<string> {
    assertCanManageCatalogue(actor);
    await this.checkReferences(null, input);
    try {
      const course = await Course.create({ ...input, active: true });
      return String(course._id);
    } catch (err) {
      throw duplicateAs(err, 'code', 'catalogue:validation.course_code_taken');
    }
  }

  /**
   * Changes a course. A course cannot require itself, nor a course that (through others) requires
   * it: PrerequisiteCycleError names the loop. @throws NotFoundError, ValidationError, ForbiddenError
   */
  async updateCourse(actor: Actor, id: string, input: CourseInput): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    if (!(await Course.exists({ _id: id }))) throw new NotFoundError();
    await this.checkReferences(id, input);
    try {
      await Course.updateOne({ _id: id }, { $set: { ...input } }, { runValidators: true });
    } catch (err) {
      throw duplicateAs(err, 'code', 'catalogue:validation.course_code_taken');
    }
  }

  /** Archived courses stay on record (past sessions show them) but cannot be scheduled. @throws NotFoundError */
  async setArchived(actor: Actor, id: string, archived: boolean): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const result = await Course.updateOne({ _id: id }, { $set: { active: !archived } });
    if (result.matchedCount === 0) throw new NotFoundError();
  }

  /**
   * What archiving would touch (the confirmation page): the course and how many classes that have not
   * ended use it — they go ahead; only new ones cannot be planned. @throws NotFoundError
   */
  async previewArchive(actor: Actor, id: string, lng: Language): Promise<{ id: string; code: string; title: string; upcoming: number }> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const course = await Course.findById(id, { code: 1, title: 1 }).lean();
    if (!course) throw new NotFoundError();
    const upcoming = this.deps.upcomingSessions ? await this.deps.upcomingSessions(id) : 0;
    return { id, code: course.code, title: courseTitle(course, lng), upcoming };
  }

  private async checkReferences(courseId: string | null, input: CourseInput): Promise<void> {
    const fields: Record<string, string> = {};
    const unitIds = input.units.map((u) => u.unit);
    if (unitIds.length > 0 && (await CompetencyUnit.countDocuments({ _id: trusted({ $in: unitIds }) })) !== unitIds.length) {
      fields.units = 'catalogue:validation.unit_unknown';
    }
    const prereqs = input.prerequisites;
    if (courseId && prereqs.includes(courseId)) fields.prerequisites = 'catalogue:validation.prerequisite_self';
    else if (prereqs.length > 0 && (await Course.countDocuments({ _id: trusted({ $in: prereqs }) })) !== prereqs.length) {
      fields.prerequisites = 'catalogue:validation.prerequisite_unknown';
    }
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
    // A new course cannot close a loop: no course requires it yet.
    if (!courseId || prereqs.length === 0) return;
    const all = await Course.find({}, { code: 1, prerequisites: 1 }).lean();
    const graph = new Map(all.map((c) => [String(c._id), (c.prerequisites ?? []).map(String)]));
    const cycle = findPrerequisiteCycle(courseId, prereqs, graph);
    if (cycle) {
      const codes = new Map(all.map((c) => [String(c._id), c.code]));
      throw new PrerequisiteCycleError(cycle.map((id) => codes.get(id) ?? id));
    }
  }
}
