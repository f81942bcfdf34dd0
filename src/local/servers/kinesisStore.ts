import type { Server } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The part of a levelup database kinesalite writes through. */
type LevelDb = Record<"put" | "del" | "batch", (...args: unknown[]) => unknown>;

interface KinesaliteStore {
  metaDb: LevelDb;
  getStreamDb(name: string): LevelDb;
}

/** After each write to the stream's store: null when it landed, else the store's error. */
export type StoreWriteListener = (error: Error | null) => void;

const WRITE_METHODS = ["put", "del", "batch"] as const;
const guarded = new WeakSet<object>();

/**
 * kinesalite's actions rethrow an unexpected store error from inside levelup's callback
 * (`if (err) throw err` in node_modules/kinesalite/index.js and its actions), which ends the
 * process: a full disk (levelup's WriteError "No space left on device") would take dev down.
 * Each write's error is given the shape of kinesalite's own server errors instead
 * (`db.serverError`: statusCode 500, `InternalFailure`), which it answers as a response: the
 * PutRecords that could not be stored fails, the client sees it, and dev stays up.
 */
function guardWrites(db: LevelDb, onWrite: StoreWriteListener, refusal: () => string | null): LevelDb {
  if (guarded.has(db)) return db;
  guarded.add(db);
  for (const method of WRITE_METHODS) {
    const original = db[method].bind(db);
    db[method] = (...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      // Without a callback (a chained batch, a promise) kinesalite does not write: leave it.
      if (typeof callback !== "function") return original(...args);
      const refused = refusal();
      if (refused !== null) {
        const error = new Error(refused);
        onWrite(error);
        setImmediate(() => callback(asInternalFailure(error)));
        return undefined;
      }
      args[last] = (error: Error | null | undefined, ...rest: unknown[]) => {
        onWrite(error ?? null);
        callback(error ? asInternalFailure(error) : error, ...rest);
      };
      return original(...args);
    };
  }
  return db;
}

function asInternalFailure(error: Error): Error {
  return Object.assign(error, {
    statusCode: 500,
    body: { __type: "InternalFailure", message: `The stream's store refused the write: ${error.message}` },
  });
}

/**
 * Creates a kinesalite server whose store writes cannot throw (see guardWrites). kinesalite
 * makes its store inside the call through `require("./db").create`; that one call is watched
 * to reach the store, and put back at once.
 */
export function createGuardedKinesalite(
  options: Record<string, unknown>,
  onWrite: StoreWriteListener,
  /** Why no write should be tried now (too little space left), or null. */
  refusal: () => string | null = () => null,
): Server {
  const kinesalite = require("kinesalite") as (options: Record<string, unknown>) => Server;
  const dbModule = require("kinesalite/db") as { create: (options: unknown) => KinesaliteStore };
  const create = dbModule.create;
  let store: KinesaliteStore | undefined;
  dbModule.create = (storeOptions) => {
    store = create(storeOptions);
    return store;
  };
  let server: Server;
  try {
    server = kinesalite(options);
  } finally {
    dbModule.create = create;
  }
  if (!store) throw new Error("kinesalite did not create its store through db.create");
  const made = store;
  guardWrites(made.metaDb, onWrite, refusal);
  const getStreamDb = made.getStreamDb.bind(made);
  made.getStreamDb = (name) => guardWrites(getStreamDb(name), onWrite, refusal);
  return server;
}
