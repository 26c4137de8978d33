import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { activeForm, roomForm } from './catalogue.schemas';
import { ROOM_KINDS } from './room.model';
import type { RoomsService } from './rooms.service';

const actorOf = (req: Request) => req.user as Actor;
const VIEW = 'catalogue/room-form';

/** Pages for rooms and resources: list, new, edit, deactivate/reactivate. */
export function roomsController(rooms: RoomsService) {
  const list: RequestHandler = async (req, res) => {
    res.render('catalogue/rooms', { rooms: await rooms.listRooms(actorOf(req)) });
  };

  const showNew: RequestHandler = async (_req, res) => {
    res.render(VIEW, { room: null, kinds: ROOM_KINDS, values: {} });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, VIEW, { room: null, kinds: ROOM_KINDS }, valuesOf(req.body), async () => {
      const id = await rooms.createRoom(actorOf(req), parseForm(roomForm, req.body));
      flash(req, 'success', 'catalogue:rooms.created');
      res.redirect(303, `/rooms/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const room = await rooms.getRoom(actorOf(req), String(req.params.id));
    res.render(VIEW, { room, kinds: ROOM_KINDS, values: { ...room } });
  };

  const update: RequestHandler = async (req, res) => {
    const room = await rooms.getRoom(actorOf(req), String(req.params.id));
    await handleForm(res, VIEW, { room, kinds: ROOM_KINDS }, valuesOf(req.body), async () => {
      await rooms.updateRoom(actorOf(req), room.id, parseForm(roomForm, req.body));
      flash(req, 'success', 'catalogue:rooms.updated');
      res.redirect(303, `/rooms/${room.id}`);
    });
  };

  const setActive: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const { active } = activeForm.parse(req.body ?? {});
    await rooms.setActive(actorOf(req), id, active);
    flash(req, 'success', active ? 'catalogue:rooms.activated' : 'catalogue:rooms.deactivated');
    res.redirect(303, `/rooms/${id}`);
  };

  return { list, showNew, create, show, update, setActive };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return { name: b.name, kind: b.kind, capacity: b.capacity, location: b.location };
}
