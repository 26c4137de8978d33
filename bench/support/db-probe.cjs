/**
 * Preloaded into the server by the load benchmark only (`node --require …/db-probe.cjs`, with
 * DB_PROBE_PORT set): counts the database commands the server sends and the documents the database
 * reads for them, per collection, through the driver's command monitoring (the app opens its
 * connection with `monitorCommands: true`, src/platform/db/mongo.ts). Nothing in the app knows of it.
 *
 * Documents read, on FerretDB v1 (which pushes down only a filter that is exactly `{_id: value}`;
 * everything else decodes the whole collection):
 * - find / aggregate: FerretDB's own `explain` says whether the filter (the first `$match`) was
 *   pushed down — asked once per filter shape (field names and operators, values replaced by their
 *   type) on a separate, unmonitored connection. Pushed down: the documents returned (at most one);
 *   otherwise the collection's document count.
 * - count, distinct, update, delete, findAndModify (FerretDB's explain answers `false` for these even
 *   for `{_id}`): the same rule by hand — exactly `{_id: value}` reads at most one document,
 *   anything else the whole collection.
 * - getMore continues a read already counted; insert reads nothing.
 * Collection counts come from `count` on the separate connection, refreshed on request (`/refresh`),
 * so neither the counts nor the explains are counted. On MongoDB the figures follow the same model
 * (they then overstate what indexes serve).
 *
 * HTTP on 127.0.0.1:$DB_PROBE_PORT: `/reset` zeroes the counters, `/stats` returns them as JSON,
 * `/refresh` re-counts every collection (and returns the counts), `/mismatches` lists shapes where
 * explain disagreed with the `{_id: value}` rule, `/uri` says where the database is.
 */
'use strict';
const http = require('node:http');

const port = Number(process.env.DB_PROBE_PORT);
if (port > 0) {
  const mongoose = require('mongoose');
  const { MongoClient } = require('mongodb');

  /** collection → document count (from the last refresh). */
  const sizes = new Map();
  /** shape key → true/false (explain's filterPushdown) or a pending promise. */
  const pushdown = new Map();
  const mismatches = new Map();
  let stats = fresh();
  /** requestId → what to add when the command succeeds. */
  const pending = new Map();
  let side = null; // { client, db }
  const attached = new WeakSet();

  function fresh() {
    return { since: Date.now(), commands: 0, docs: 0, byCollection: {} };
  }
  const isOperatorObject = (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).some((k) => k.startsWith('$'));
  /** Exactly `{_id: value}` with a plain value (not `{$in}`, `{$eq}` or another operator). */
  const idOnly = (filter) => filter != null && typeof filter === 'object' && Object.keys(filter).length === 1 && '_id' in filter && !isOperatorObject(filter._id);
  function shape(v) {
    if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out = {};
      for (const k of Object.keys(v)) out[k] = shape(v[k]);
      return out;
    }
    return v === null ? 'null' : v._bsontype ?? typeof v;
  }

  async function sideDb() {
    if (side) return side.db;
    const c = mongoose.connection;
    const client = new MongoClient(`mongodb://${c.host}:${c.port}/`, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    side = { client, db: client.db(c.name) };
    return side.db;
  }
  async function refresh() {
    const db = await sideDb();
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
    for (const n of names) sizes.set(n, (await db.command({ count: n })).n);
    return Object.fromEntries(sizes);
  }
  /** Explain's answer for a find/aggregate filter shape, asked once (the rule until it answers). */
  function pushedDown(kind, coll, filter, command) {
    const key = `${kind} ${coll} ${JSON.stringify(shape(filter ?? {}))}`;
    const known = pushdown.get(key);
    if (typeof known === 'boolean') return known;
    if (known === undefined) {
      const { lsid, $db, $clusterTime, readConcern, ...plain } = command;
      void lsid; void $db; void $clusterTime; void readConcern;
      pushdown.set(key, sideDb()
        .then((db) => db.command({ explain: plain }))
        .then((r) => {
          const answer = r.filterPushdown === true;
          if (typeof r.filterPushdown === 'boolean' && answer !== idOnly(filter)) mismatches.set(key, answer);
          pushdown.set(key, typeof r.filterPushdown === 'boolean' ? answer : idOnly(filter));
        })
        .catch(() => pushdown.set(key, idOnly(filter))));
    }
    return idOnly(filter);
  }
  const whole = (coll) => sizes.get(coll) ?? 0;

  function onStarted(ev) {
    const name = ev.commandName;
    const cmd = ev.command;
    const coll = typeof cmd[name] === 'string' ? cmd[name] : name === 'getMore' ? cmd.collection : undefined;
    if (!coll) return;
    let docs = () => 0;
    if (name === 'find') {
      const down = pushedDown('find', coll, cmd.filter, cmd);
      docs = (reply) => (down ? (reply?.cursor?.firstBatch?.length ?? 0) : whole(coll));
    } else if (name === 'aggregate') {
      const first = Array.isArray(cmd.pipeline) ? cmd.pipeline[0] : undefined;
      const match = first && first.$match;
      const down = match ? pushedDown('aggregate', coll, match, cmd) : false;
      docs = () => (down ? 1 : whole(coll));
    } else if (name === 'count' || name === 'distinct') {
      docs = () => (idOnly(cmd.query) ? 1 : whole(coll));
    } else if (name === 'findAndModify') {
      docs = () => (idOnly(cmd.query) ? 1 : whole(coll));
    } else if (name === 'update' || name === 'delete') {
      const statements = cmd.updates ?? cmd.deletes ?? [];
      docs = () => statements.reduce((a, s) => a + (idOnly(s.q) ? 1 : whole(coll)), 0);
    }
    pending.set(ev.requestId, { coll, docs });
  }
  function onDone(ev) {
    const p = pending.get(ev.requestId);
    if (!p) return;
    pending.delete(ev.requestId);
    const docs = p.docs(ev.reply);
    const c = (stats.byCollection[p.coll] ??= { commands: 0, docs: 0 });
    c.commands += 1;
    c.docs += docs;
    stats.commands += 1;
    stats.docs += docs;
  }
  function attach() {
    const client = mongoose.connection.getClient();
    if (!client || attached.has(client)) return;
    attached.add(client);
    client.on('commandStarted', onStarted);
    client.on('commandSucceeded', onDone);
    client.on('commandFailed', onDone);
  }
  mongoose.connection.on('connected', attach);

  const json = (res, body) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    if (req.url === '/reset') {
      stats = fresh();
      return json(res, { ok: true });
    }
    if (req.url === '/stats') return json(res, { ...stats, sizes: Object.fromEntries(sizes) });
    if (req.url === '/mismatches') return json(res, Object.fromEntries(mismatches));
    // Where the database is, so the benchmark can read the data it measures on (its own connection).
    if (req.url === '/uri') return json(res, { uri: `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/`, db: mongoose.connection.name });
    if (req.url === '/refresh') {
      return refresh().then((s) => json(res, s), (err) => {
        res.statusCode = 500;
        json(res, { error: String(err) });
      });
    }
    res.statusCode = 404;
    res.end();
  });
  server.listen(port, '127.0.0.1');
  server.unref();
  process.once('SIGTERM', () => {
    server.close();
    if (side) side.client.close().catch(() => undefined);
  });
}
