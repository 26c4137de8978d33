/**
 * Competency gain of one enrolment on one unit. Pure: the competencies module builds its roll-ups
 * on these, and the assessment sheet shows them.
 */

/** The highest level of the proficiency scale (4 = can teach). */
export const MAX_LEVEL = 4;

const isLevel = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** post − pre; undefined unless both were assessed. */
export function gain(pre: number | null | undefined, post: number | null | undefined): number | undefined {
  return isLevel(pre) && isLevel(post) ? post - pre : undefined;
}

/**
 * (post − pre) / (4 − pre): the share of the possible improvement that was made. Undefined when
 * either is missing, and when pre is already 4 (nothing left to gain: the ratio has no meaning).
 * Negative when the worker was assessed lower after the training.
 */
export function normalisedGain(pre: number | null | undefined, post: number | null | undefined): number | undefined {
  if (!isLevel(pre) || !isLevel(post) || pre >= MAX_LEVEL) return undefined;
  return (post - pre) / (MAX_LEVEL - pre);
}
