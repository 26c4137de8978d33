import session from 'express-session';
import MongoStore from 'connect-mongo';
import type { Connection } from 'mongoose';
import type { RequestHandler } from 'express';

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
  return session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secure, maxAge: SESSION_TTL_SECONDS * 1000 },
  });
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
