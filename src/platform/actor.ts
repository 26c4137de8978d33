/** Who is acting: what services receive instead of a request. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
  readonly workshopId?: string;
}

export function hasRole(actor: Actor | undefined, ...roles: string[]): boolean {
  return !!actor && roles.some((r) => actor.roles.includes(r));
}
