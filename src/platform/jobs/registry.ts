/** What a handler learns about the run it is in. */
export interface JobContext {
  /** 1 on the first run of this job document, 2 on its first automatic retry, and so on. */
  attempt: number;
  /** True when a failure now is not retried automatically (no backoff, or retries used up). */
  final: boolean;
}

/** Exponential backoff between automatic retries: delayMs, delayMs × factor, … at most maxRetries times. */
export interface JobBackoff {
  delayMs: number;
  factor?: number;
  maxRetries: number;
}

/**
 * A job as a module declares it (in its `<module>.jobs.ts`): a name `<module>:<verb-noun>`, a handler
 * that calls one service method with ids from the payload, and optionally a cron schedule in WIB.
 * Handlers must be safe to run twice.
 */
export interface JobDefinition {
  name: string;
  /** Cron expression, evaluated in Asia/Jakarta. */
  every?: string;
  handler: (data: Record<string, unknown>, ctx: JobContext) => Promise<void>;
  concurrency?: number;
  lockLifetimeMs?: number;
  /** How many of these one process locks at a time, so several workers share a backlog. */
  lockLimit?: number;
  /** A thrown error is retried with this backoff; without it a failed job stays failed. */
  backoff?: JobBackoff;
  /** Delete a one-off job once it succeeded (its outcome is recorded elsewhere). */
  removeOnComplete?: boolean;
  /** Also run once as soon as the job runner starts (recurring jobs otherwise wait for their slot). */
  runAtStart?: boolean;
}

/** The one registry: every module's jobs, checked for unique, well-formed names. */
export function collectJobs(...groups: JobDefinition[][]): JobDefinition[] {
  const all = groups.flat();
  const seen = new Set<string>();
  for (const job of all) {
    if (!/^[a-z]+:[a-z]+(-[a-z]+)*$/.test(job.name)) throw new Error(`Job name "${job.name}" is not <module>:<verb-noun>`);
    if (seen.has(job.name)) throw new Error(`Job "${job.name}" is defined twice`);
    seen.add(job.name);
  }
  return all;
}
