/**
 * Another app process writing a session, for tests of the process caches: `node --import tsx
 * session-writer-process.ts <uri> <db> <sessionId> <capacity>`. It loads the scheduling module as
 * every app process does (so its write observer replaces the collection's cache stamp), sets the
 * session's capacity through its own connection, waits until the stamp changed, and exits.
 */
import mongoose from 'mongoose';
import { openConnection } from '../../src/platform/db/mongo';
import { TrainingSession } from '../../src/modules/scheduling';

async function main(): Promise<void> {
  const [uri, db, sessionId, capacity] = process.argv.slice(2);
  await openConnection(uri!, db!);
  const stamps = mongoose.connection.db!.collection<{ _id: string; n: string }>('cachestamps');
  const before = (await stamps.findOne({ _id: 'trainingsessions' }))?.n;
  await TrainingSession.updateOne({ _id: sessionId }, { $set: { capacity: Number(capacity) } });
  const deadline = Date.now() + 10_000;
  while ((await stamps.findOne({ _id: 'trainingsessions' }))?.n === before) {
    if (Date.now() > deadline) throw new Error('the cache stamp did not change');
    await new Promise((r) => setTimeout(r, 50));
  }
  await mongoose.disconnect();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
