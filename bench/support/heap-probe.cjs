/**
 * Preloaded into the server by the load benchmark only (`node --expose-gc --require …`): on SIGUSR2
 * it collects garbage and writes the live heap and RSS as JSON to $HEAP_PROBE_FILE, so the benchmark
 * compares memory after GC between passes instead of RSS, which grows with the heap's reserve.
 */
'use strict';
const fs = require('node:fs');

const file = process.env.HEAP_PROBE_FILE;
if (file && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    global.gc();
    const m = process.memoryUsage();
    fs.writeFileSync(file, JSON.stringify({ at: Date.now(), heapUsed: m.heapUsed, rss: m.rss, external: m.external }));
  });
}
