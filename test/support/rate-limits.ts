import mongoose from 'mongoose';
import { RATE_LIMIT_COLLECTION } from '../../src/platform/http/rate-limit';

/**
 * Rate limits count in fixed windows (floor(now / windowMs)). A test that counts hits and then
 * expects 429 waits, if need be, until the current window has at least `marginMs` left, so it
 * never straddles a window boundary.
 */
export async function clearOfWindowEdge(windowMs: number, marginMs = 30_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** How many hits are held under a limiter prefix (slot documents `<prefix><key>:<window>:<slot>`). */
export function heldSlots(prefix: string): Promise<number> {
  return mongoose.connection.collection(RATE_LIMIT_COLLECTION).countDocuments({ _id: { $regex: `^${prefix}` } as never });
}
