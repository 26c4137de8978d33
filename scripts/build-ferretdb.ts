import { ensureFerretBinary } from '../src/platform/db/ferretdb';

/** `npm run db:build`: builds the embedded FerretDB binary now (npm start and npm test also do it when needed). */
try {
  const binary = ensureFerretBinary((m) => process.stdout.write(m + '\n'));
  process.stdout.write(`FerretDB binary ready: ${binary}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
