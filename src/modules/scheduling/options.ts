import { Course } from '../catalogue/course.model';
import { Instructor } from '../catalogue/instructor.model';
import { Room } from '../catalogue/room.model';
import { TRADES } from '../catalogue/trades';
import { Worker } from '../workers/worker.model';
import { workshopRosters } from '../workers/workers.read-models';
import { displayName } from '../workshops/workshop.model';
import { workshopsByName } from '../workshops/workshops.cache';

type Lng = 'id' | 'en';

/** Choices for the session form: active courses, instructors and rooms. */
export async function planningOptions(lng: Lng) {
  const [courses, instructors, rooms] = await Promise.all([
    Course.find({ active: true }, { code: 1, title: 1, defaultCapacity: 1 }).sort({ code: 1 }).lean(),
    Instructor.find({ active: true }, { name: 1, kind: 1, organisation: 1 }).sort({ name: 1 }).lean(),
    Room.find({ active: true }, { name: 1, capacity: 1 }).sort({ name: 1 }).lean(),
  ]);
  return {
    courses: courses.map((c) => ({ id: String(c._id), label: `${c.code} — ${lng === 'en' ? c.title?.en || c.title?.id : c.title?.id || c.title?.en}`, capacity: c.defaultCapacity })),
    instructors: instructors.map((i) => ({ id: String(i._id), label: i.organisation ? `${i.name} (${i.organisation})` : i.name })),
    rooms: rooms.map((r) => ({ id: String(r._id), label: `${r.name} (${r.capacity})` })),
  };
}

/** Choices for enrolling: active workers, and the workshop/trade/position filters of bulk enrolment. */
export async function enrolmentOptions() {
  // Workers from the workshops' rosters (one point read per workshop) and the workshops held in
  // memory: `{active: true}` on workers would decode every worker on FerretDB.
  const [rosters, workshops] = await Promise.all([workshopRosters(), workshopsByName().then((all) => all.filter((w) => !w.archived))]);
  const workers = rosters
    .filter((w) => w.active)
    .map((w) => ({ _id: w.id, name: w.name, workshop: w.workshop, position: w.position }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const workshopName = new Map(workshops.map((w) => [String(w._id), displayName(w)]));
  const positions = [...new Set(workers.map((w) => w.position).filter((p): p is string => !!p))].sort();
  return {
    workers: workers.map((w) => ({ id: String(w._id), label: `${w.name} — ${workshopName.get(String(w.workshop)) ?? ''}` })),
    workshops: workshops.map((w) => ({ id: String(w._id), label: displayName(w) })),
    trades: [...TRADES],
    positions,
  };
}

/** Active worker ids matching every given filter (bulk enrolment). */
export async function matchingWorkerIds(f: { workshop?: string; trade?: string; position?: string }): Promise<string[]> {
  const filter: Record<string, unknown> = { active: true };
  if (f.workshop) filter.workshop = f.workshop;
  if (f.trade) filter.trades = f.trade;
  if (f.position) filter.position = f.position;
  return (await Worker.find(filter, { _id: 1 }).lean()).map((w) => String(w._id));
}
