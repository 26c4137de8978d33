/** What a session shows: derived from its state, seats and meeting times, never stored. */
export const SESSION_STATUSES = ['planned', 'open', 'full', 'running', 'completed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export function sessionStatus(
  s: { state: string; capacity: number; firstStart?: Date | null; lastEnd?: Date | null },
  seatsTaken: number,
  now: Date,
): SessionStatus {
  if (s.state === 'cancelled') return 'cancelled';
  if (s.lastEnd && s.lastEnd.getTime() <= now.getTime()) return 'completed';
  if (s.firstStart && s.firstStart.getTime() <= now.getTime()) return 'running';
  if (s.state === 'open' && seatsTaken >= s.capacity) return 'full';
  return s.state === 'open' ? 'open' : 'planned';
}
