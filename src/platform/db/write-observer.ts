import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import type { Connection } from 'mongoose';

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

/**
 * Calls `onWrite(collection)` whenever a write command this process sent (insert, update, delete,
 * findAndModify — whatever mongoose API or bulk operation produced it) to one of `collections` has
 * succeeded — after the server answered, so whoever reads afterwards sees the write.
 * Uses the driver's command monitoring (the connection is opened with `monitorCommands: true`), so
 * modules learn of changes without every writer having to remember to tell them. Writes made by
 * other processes are not seen: those processes observe their own. Returns a function that stops.
 */
export function observeWrites(connection: Connection, collections: readonly string[], onWrite: (collection: string) => void): () => void {
  const watched = new Set(collections);
  const client = connection.getClient();
  const pending = new Map<number, string>();
  const started = (ev: CommandStartedEvent) => {
    if (!WRITE_COMMANDS.has(ev.commandName)) return;
    const coll = (ev.command as Record<string, unknown>)[ev.commandName];
    if (typeof coll === 'string' && watched.has(coll)) pending.set(ev.requestId, coll);
  };
  const succeeded = (ev: CommandSucceededEvent) => {
    const coll = pending.get(ev.requestId);
    if (coll === undefined) return;
    pending.delete(ev.requestId);
    onWrite(coll);
  };
  // A failed command may still have written part of a batch: count it as a change too.
  const failed = (ev: CommandFailedEvent) => succeeded(ev as unknown as CommandSucceededEvent);
  client.on('commandStarted', started);
  client.on('commandSucceeded', succeeded);
  client.on('commandFailed', failed);
  return () => {
    client.off('commandStarted', started);
    client.off('commandSucceeded', succeeded);
    client.off('commandFailed', failed);
  };
}
