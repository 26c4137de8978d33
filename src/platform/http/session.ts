import session from 'express-session';
import MongoStore from 'connect-mongo';
import type { Connection } from 'mongoose';
import type { Request, RequestHandler, Response } from 'express';

export const SESSION_COLLECTION = 'sessions';
export const SESSION_COOKIE = 'takaru.sid';
const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface SessionOptions {
  connection: Connection;
  secret: string;
  secure: boolean;
}

/**
 * Sessions in MongoDB. `stringify: false` stores the session as a document so an account's sessions
 * can be found and ended (deactivation, password reset). `autoRemove: 'disabled'`: FerretDB has no TTL
 * indexes and connect-mongo's interval removal writes with w:0, which confuses FerretDB's replies;
 * the housekeeping job removes expired sessions instead.
 */
export function sessionMiddleware(opts: SessionOptions): RequestHandler {
  const store = MongoStore.create({
    client: opts.connection.getClient(),
    dbName: opts.connection.db!.databaseName,
    collectionName: SESSION_COLLECTION,
    stringify: false,
    autoRemove: 'disabled',
    ttl: SESSION_TTL_SECONDS,
    touchAfter: 3600,
  });
  readByIdOnly(store, opts.connection);
  const sessions = session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secure, maxAge: SESSION_TTL_SECONDS * 1000 },
  });
  return (req, res, next) => {
    let continued = false;
    sessions(req, res, (err?: unknown) => {
      // express-session calls back once to go on, and again with the error when saving or touching
      // the session at the end failed (the database went away) — after it has written the response.
      // Passing that second call on would reach Express's final handler, which destroys the socket
      // and cuts off a complete answer (a 303 for a write that was done).
      if (continued) {
        if (err) req.log?.warn({ err: (err as Error)?.message }, 'session not saved after the response');
        return;
      }
      continued = true;
      if (err) return next(err);
      saveBeforeResponding(req, res);
      next();
    });
  };
}

/** The session as express-session compares it to decide whether to save: everything but the cookie. */
const contentOf = (sess: session.Session & Partial<session.SessionData>) =>
  JSON.stringify(sess, function (this: unknown, key, value) {
    return this === sess && key === 'cookie' ? undefined : value;
  });

/**
 * express-session saves a changed session at `res.end`, but it sends the status line, the headers and
 * all of the body except its last byte first, and holds back only that byte until the store has written
 * (express-session index.js, `writetop`). A browser follows a 303 as soon as its headers arrive, so the
 * next page could be read from the store before the flash message, the login or the CSRF token was in
 * it: the message went missing and turned up a page later. Here a changed session (or a new id, after
 * login or logout regenerated it) is saved before anything of the response goes out; express-session
 * then finds it saved and ends the response at once.
 */
function saveBeforeResponding(req: Request, res: Response): void {
  if (!req.session) return;
  const loadedId = req.sessionID;
  const loaded = contentOf(req.session);
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let ending = false;
  res.end = ((...args: unknown[]) => {
    const sess = req.session;
    if (ending) return res;
    if (res.headersSent || !sess || (req.sessionID === loadedId && contentOf(sess) === loaded)) return end(...args);
    ending = true;
    sess.touch();
    sess.save((err) => {
      if (err) req.log?.error({ err }, 'session save failed before the response');
      end(...args);
    });
    return res;
  }) as Response['end'];
}

/**
 * connect-mongo reads a session with `{_id, $or: [expiry conditions]}`. FerretDB on SQLite answers
 * from its primary key only a filter that is exactly `{_id: value}` (backends/sqlite/collection.go);
 * anything more scans the whole sessions collection, on every request. So the store reads by `_id`
 * alone and checks the expiry here, as connect-mongo's filter would (same result on MongoDB).
 * Sessions are stored as documents (`stringify: false`), so the document's `session` is the session.
 */
function readByIdOnly(store: MongoStore, connection: Connection): void {
  const sessions = () => connection.collection<{ _id: string; session: session.SessionData & { lastModified?: Date }; expires?: Date; lastModified?: Date }>(SESSION_COLLECTION);
  store.get = (sid, callback) => {
    sessions()
      .findOne({ _id: sid })
      .then((doc) => {
        if (!doc || (doc.expires && doc.expires.getTime() <= Date.now())) return callback(null, null);
        const data = doc.session;
        // connect-mongo's touchAfter compares against this.
        if (doc.lastModified) data.lastModified = doc.lastModified;
        callback(null, data);
      }, callback);
  };
}

/** Ends sessions by deleting them from the store: the next request with that cookie is anonymous. */
export class SessionRevoker {
  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection(SESSION_COLLECTION);
  }

  /** Ends every session of the account, except `keepSessionId` (the one changing its own password). */
  async endAllFor(userId: string, keepSessionId?: string): Promise<number> {
    const filter: Record<string, unknown> = { 'session.passport.user': userId };
    if (keepSessionId) filter._id = { $ne: keepSessionId };
    const result = await this.collection.deleteMany(filter);
    return result.deletedCount;
  }

  /** Housekeeping in place of a TTL index. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.collection.deleteMany({ expires: { $lt: now } });
    return result.deletedCount;
  }
}
