import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding package.json), found from this file so it works from src/ and dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}
