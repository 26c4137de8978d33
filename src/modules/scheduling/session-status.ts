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

/** What a meeting shows (labels `scheduling:meetings.<state>`, see the glossary): in progress from its start until its end. */
export const MEETING_STATES = ['upcoming', 'in_progress', 'past', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export function meetingState(m: { start: Date; end: Date; cancelled?: boolean | null }, now: Date): MeetingState {
  if (m.cancelled) return 'cancelled';
  if (m.end.getTime() <= now.getTime()) return 'past';
  return m.start.getTime() <= now.getTime() ? 'in_progress' : 'upcoming';
}
