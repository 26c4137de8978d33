import { trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';
import { User, ROLES, formatPhone } from '../accounts';
import { Workshop, displayName } from '../workshops';

/** What each role's home page shows: real figures from the database, scoped to the actor. */
export class HomeService {
  /** Accounts per role and active/inactive counts: the admin's overview. */
  async adminSummary() {
    const [byRole, inactive, workshops] = await Promise.all([
      Promise.all(ROLES.map(async (role) => ({ role, count: await User.countDocuments({ roles: role, active: true }) }))),
      User.countDocuments({ active: false }),
      Workshop.countDocuments({ archived: false }),
    ]);
    return { byRole, inactive, workshops };
  }

  /** LIK-wide figures for coordinators: workshops with their number of worker accounts. */
  async coordinatorSummary() {
    const workshops = await Workshop.find({ archived: false }, { name: 1, legalForm: 1, unit: 1, products: 1 }).sort({ name: 1 }).lean();
    // Counted with $group/$sum, which FerretDB supports (no $lookup there).
    const counts = await User.aggregate<{ _id: unknown; n: number }>([
      { $match: { roles: 'worker', active: true } },
      { $group: { _id: '$workshop', n: { $sum: 1 } } },
    ]);
    const perWorkshop = new Map(counts.map((c) => [String(c._id), c.n]));
    return {
      workshops: workshops.map((w) => ({
        id: String(w._id),
        name: displayName(w),
        unit: w.unit ?? '',
        products: w.products ?? '',
        workers: perWorkshop.get(String(w._id)) ?? 0,
      })),
      workers: counts.reduce((sum, c) => sum + c.n, 0),
    };
  }

  /** A manager's own workshop and its people; nothing from other workshops. */
  async managerSummary(actor: Actor) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    const workshop = await Workshop.findById(actor.workshopId).lean();
    const people = await User.find(
      { workshop: actor.workshopId, roles: trusted({ $in: ['worker', 'manager'] }), active: true },
      { name: 1, phone: 1, roles: 1 },
    )
      .sort({ name: 1 })
      .lean();
    return {
      workshop: workshop ? { name: displayName(workshop), unit: workshop.unit ?? '', products: workshop.products ?? '' } : null,
      people: people.map((p) => ({ name: p.name, phone: formatPhone(p.phone), roles: p.roles })),
    };
  }

  /** The signed-in person's own profile. */
  async profile(actor: Actor) {
    const user = await User.findById(actor.id, { name: 1, email: 1, phone: 1, roles: 1, workshop: 1, language: 1 }).lean();
    const workshop = user?.workshop ? await Workshop.findById(user.workshop, { name: 1, legalForm: 1 }).lean() : null;
    return {
      name: user?.name ?? '',
      email: user?.email ?? '',
      phone: formatPhone(user?.phone),
      roles: user?.roles ?? [],
      workshop: workshop ? displayName(workshop) : '',
    };
  }
}
