/**
 * Looks for the cycle that giving `courseId` these `prerequisites` would close. `graph` holds every
 * other course's current prerequisites (course id → ids); the course's own entry is ignored.
 * Returns the ids along the cycle, starting and ending with `courseId` (e.g. [A, B, C, A]: A would
 * require B, B requires C, C requires A), or null when there is none. A course requiring itself is
 * the shortest cycle, [A, A].
 */
export function findPrerequisiteCycle(
  courseId: string,
  prerequisites: readonly string[],
  graph: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const edges = (id: string): readonly string[] => (id === courseId ? prerequisites : (graph.get(id) ?? []));
  const visited = new Set<string>();
  // Depth-first from the course itself; the path is kept to name the cycle in the message.
  const walk = (id: string, path: string[]): string[] | null => {
    for (const next of edges(id)) {
      if (next === courseId) return [...path, next];
      if (visited.has(next)) continue;
      visited.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(courseId, [courseId]);
}

/**
 * Every course that `courseId` requires, directly or through other courses, in breadth-first order
 * (nearest first), without repeats and without the course itself. Tolerates cycles in stored data.
 */
export function allPrerequisites(courseId: string, graph: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>([courseId]);
  const out: string[] = [];
  const queue = [...(graph.get(courseId) ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...(graph.get(id) ?? []));
  }
  return out;
}
