/**
 * A job as a module declares it (in its `<module>.jobs.ts`): a name `<module>:<verb-noun>`, a handler
 * that calls one service method with ids from the payload, and optionally a cron schedule in WIB.
 * Handlers must be safe to run twice.
 */
export interface JobDefinition {
  name: string;
  /** Cron expression, evaluated in Asia/Jakarta. */
  every?: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  concurrency?: number;
  lockLifetimeMs?: number;
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
