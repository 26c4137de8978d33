import mongoose, { Types } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';

/** One command the app sent, as the tests that bound a page's reads judge it. */
export interface SeenCommand {
  name: string;
  /** The collection it names (`find: 'workers'` → `workers`); undefined for admin commands. */
  collection: string | undefined;
  /** Its filter: `filter` (find), `query` (count, distinct), the first `$match` (aggregate), `q` of the first update/delete. */
  filter: unknown;
  /** A read (find, aggregate, count, distinct). */
  read: boolean;
  /** A read whose filter is exactly `{_id: value}`: the only one FerretDB v1 answers without decoding the whole collection. */
  pointRead: boolean;
}

const READS = new Set(['find', 'aggregate', 'count', 'distinct']);
const isOperator = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Types.ObjectId) && Object.keys(v).some((k) => k.startsWith('$'));

/** Exactly `{_id: value}` with a plain value (not `{$in}`, `{$eq}` or another operator). */
export const idOnly = (filter: unknown): boolean =>
  !!filter && typeof filter === 'object' && Object.keys(filter).length === 1 && '_id' in filter && !isOperator((filter as { _id: unknown })._id);

function filterOf(name: string, cmd: Record<string, unknown>): unknown {
  if (name === 'find') return cmd.filter ?? {};
  if (name === 'count' || name === 'distinct') return cmd.query ?? {};
  if (name === 'aggregate') return (cmd.pipeline as { $match?: unknown }[] | undefined)?.[0]?.$match ?? {};
  const first = ((cmd.updates ?? cmd.deletes) as { q?: unknown }[] | undefined)?.[0];
  return first?.q ?? cmd.query;
}

/**
 * The commands the default connection sends while `fn` runs (`getMore` and `endSessions` left out:
 * they continue or close what was counted), through the driver's command monitoring (the app
 * connects with `monitorCommands: true`). Run the request once before to measure a warm process.
 */
export async function commandsDuring(fn: () => Promise<unknown>): Promise<SeenCommand[]> {
  const client = mongoose.connection.getClient();
  const seen: SeenCommand[] = [];
  const on = (ev: CommandStartedEvent) => {
    if (ev.commandName === 'getMore' || ev.commandName === 'endSessions') return;
    const cmd = ev.command as Record<string, unknown>;
    const coll = cmd[ev.commandName];
    const filter = filterOf(ev.commandName, cmd);
    const read = READS.has(ev.commandName);
    seen.push({ name: ev.commandName, collection: typeof coll === 'string' ? coll : undefined, filter, read, pointRead: read && ev.commandName === 'find' && idOnly(filter) });
  };
  client.on('commandStarted', on);
  try {
    await fn();
  } finally {
    client.off('commandStarted', on);
  }
  return seen;
}

/** The collections `commands` read with anything but a point read (each a full scan on FerretDB), one entry per read. */
export const scans = (commands: readonly SeenCommand[]): string[] => commands.filter((c) => c.read && !c.pointRead).map((c) => c.collection ?? c.name);

/**
 * The documents the database decodes for the reads among `commands`, counted as the load bench's probe
 * counts them on FerretDB: a point read reads one document, any other read the whole collection (its
 * document count when this is called, so call it before writing more). `point` says which reads are
 * point reads (by default `pointRead`: a find by exactly `{_id: value}`). `scanned` has one entry per
 * other read. Reads that name no collection are left out.
 */
export async function documentsRead(
  commands: readonly SeenCommand[],
  point: (c: SeenCommand) => boolean = (c) => c.pointRead,
): Promise<{ docs: number; scanned: string[] }> {
  const db = mongoose.connection.db!;
  let docs = 0;
  const scanned: string[] = [];
  for (const c of commands) {
    if (!c.read || c.collection === undefined) continue;
    if (point(c)) {
      docs++;
    } else {
      scanned.push(c.collection);
      docs += await db.collection(c.collection).countDocuments();
    }
  }
  return { docs, scanned };
}
