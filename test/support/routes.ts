import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string;
  slash?: boolean;
}

/**
 * Every route registered in the app, as "METHOD /path", read from Express's own router, so a route
 * added anywhere shows up here. Routers must be mounted at "/" (the app's convention), which keeps
 * full paths in the route definitions.
 */
export function listRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        if (!layer.slash) throw new Error(`A router is mounted at ${layer.rawPath}; mount routers at "/" with full paths.`);
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}
