import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { assertCanManageCatalogue } from './catalogue.policy';
import type { RoomInput } from './catalogue.schemas';
import { Room, type ROOM_KINDS } from './room.model';
import { assertObjectId, duplicateAs, escapeRegex } from './shared';

export interface RoomRow {
  id: string;
  name: string;
  kind: (typeof ROOM_KINDS)[number];
  capacity: number;
  location: string;
  active: boolean;
}

interface LeanRoom {
  _id: unknown;
  name: string;
  kind: string;
  capacity: number;
  location?: string | null;
  active?: boolean | null;
}

const toRow = (r: LeanRoom): RoomRow => ({
  id: String(r._id),
  name: r.name,
  kind: r.kind as RoomRow['kind'],
  capacity: r.capacity,
  location: r.location ?? '',
  active: r.active !== false,
});

/** Rooms and resources: classrooms, workshop bays, machines — what a session books. */
export class RoomsService {
  /** Every room, active first, by name. @throws ForbiddenError unless coordinator/admin */
  async listRooms(actor: Actor): Promise<RoomRow[]> {
    assertCanManageCatalogue(actor);
    return (await Room.find().sort({ active: -1, name: 1 }).lean()).map(toRow);
  }

  /** @throws NotFoundError, ForbiddenError */
  async getRoom(actor: Actor, id: string): Promise<RoomRow> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const room = await Room.findById(id).lean();
    if (!room) throw new NotFoundError();
    return toRow(room);
  }

  /** @throws ValidationError when the name is taken (ignoring case), ForbiddenError */
  async createRoom(actor: Actor, input: RoomInput): Promise<string> {
    assertCanManageCatalogue(actor);
    await this.checkName(input.name, null);
    try {
      return String((await Room.create({ ...input, active: true }))._id);
    } catch (err) {
      throw duplicateAs(err, 'name', 'catalogue:validation.room_name_taken');
    }
  }

  /** @throws NotFoundError, ValidationError, ForbiddenError */
  async updateRoom(actor: Actor, id: string, input: RoomInput): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    if (!(await Room.exists({ _id: id }))) throw new NotFoundError();
    await this.checkName(input.name, id);
    try {
      await Room.updateOne({ _id: id }, { $set: { ...input } }, { runValidators: true });
    } catch (err) {
      throw duplicateAs(err, 'name', 'catalogue:validation.room_name_taken');
    }
  }

  /** Inactive rooms keep their past bookings but are no longer offered. @throws NotFoundError */
  async setActive(actor: Actor, id: string, active: boolean): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const result = await Room.updateOne({ _id: id }, { $set: { active } });
    if (result.matchedCount === 0) throw new NotFoundError();
  }

  /**
   * "Bengkel Las 1" and "bengkel las 1" are the same room to people: refuse both spellings. The
   * unique index backs exact duplicates under concurrency; this read catches the case variants.
   */
  private async checkName(name: string, roomId: string | null): Promise<void> {
    const same = await Room.findOne({ name: new RegExp(`^${escapeRegex(name)}$`, 'i') }, { _id: 1 }).lean();
    if (same && String(same._id) !== roomId) throw new ValidationError({ name: 'catalogue:validation.room_name_taken' });
  }
}
