import { methodName, WORKMAIL_OPERATIONS, type WorkMailApi, type WorkMailOperation } from "../backend/workmail-api.js";
import { simNow } from "./clock.js";
import { fail } from "./errors.js";
import { newId } from "./ids.js";
import { loadServiceModel, type ServiceModel } from "./model/service-model.js";
import { validateInput } from "./model/validate.js";
import { AREAS, SCHEMAS, type Area } from "./operations/index.js";
import type { AsyncContext, Handler, Handlers } from "./operations/handler.js";
import { readLifecycle, storePaths, type Sim, type StorePaths } from "./sim.js";
import { openDatabase, storeWriteError, type Db } from "./store/database.js";
import { getOrInitMeta } from "./store/meta.js";

const AREA_OF = new Map<WorkMailOperation, Area>(AREAS.flatMap((a) => a.operations.map((op) => [op, a] as const)));
const loaded = new Map<Area, Promise<Handlers>>();

/** The handler of an operation, its area's module loaded on first use. */
async function handlerOf(op: WorkMailOperation): Promise<Handler<WorkMailOperation> | undefined> {
  const area = AREA_OF.get(op);
  if (area === undefined) return undefined;
  let handlers = loaded.get(area);
  if (handlers === undefined) loaded.set(area, (handlers = area.load()));
  return (await handlers)[op] as Handler<WorkMailOperation> | undefined;
}

export interface LocalBackendOptions {
  /** The folder of the store (store.db, mail/, s3/). */
  readonly dir: string;
  /** The region the simulator answers for (records, ARNs). */
  readonly region: string;
}

/**
 * The simulator core, in-process: every WorkMail operation is validated against the service model,
 * then run by its area's handler in one SQLite transaction. Implements the WorkMailApi port
 * exactly like AwsBackend, so commands cannot tell them apart.
 */
export class LocalBackend {
  readonly paths: StorePaths;
  readonly accountId: string;

  private constructor(
    readonly db: Db,
    readonly region: string,
    dir: string,
    private readonly model: ServiceModel,
  ) {
    this.paths = storePaths(dir);
    this.accountId = getOrInitMeta(db, "accountId", () => newId.account());
  }

  static async open(options: LocalBackendOptions): Promise<LocalBackend & WorkMailApi> {
    const model = await loadServiceModel();
    const paths = storePaths(options.dir);
    const db = openDatabase(paths.database, SCHEMAS);
    const backend = new LocalBackend(db, options.region, options.dir, model);
    const api = backend as unknown as Record<string, unknown>;
    for (const op of WORKMAIL_OPERATIONS) api[methodName(op)] = (input: unknown) => backend.call(op, input);
    return backend as LocalBackend & WorkMailApi;
  }

  /** Whether the simulator implements an operation (`wmctl local coverage`). */
  static implements(op: WorkMailOperation): boolean {
    return AREA_OF.has(op);
  }

  /** Runs one operation: validate, then the handler in a transaction. */
  async call(op: WorkMailOperation, input: unknown): Promise<unknown> {
    validateInput(this.model, op, input ?? {});
    const handler = await handlerOf(op);
    if (handler === undefined) throw fail.notImplemented(op);
    if (typeof handler === "function") {
      const run = handler as (sim: Sim, input: unknown) => unknown;
      return this.tx((sim) => run(sim, input));
    }
    return (handler.async as (ctx: AsyncContext, input: unknown) => Promise<unknown>)(this.asyncContext(), input);
  }

  /**
   * One transaction with a fresh simulator context (for async handlers and simulator control). A
   * read-only store runs it as a read (DEFERRED: no write lock is needed to read); a write then
   * fails with a StoreError naming the store.
   */
  tx<T>(fn: (sim: Sim) => T): T {
    try {
      const t = this.db.transaction(() => fn(this.sim()));
      return this.db.readonly ? t.deferred() : t.immediate();
    } catch (e) {
      throw storeWriteError(e, this.paths.database);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private sim(): Sim {
    return {
      db: this.db,
      region: this.region,
      accountId: this.accountId,
      paths: this.paths,
      now: simNow(this.db),
      lifecycle: readLifecycle(this.db),
    };
  }

  private asyncContext(): AsyncContext {
    return { region: this.region, accountId: this.accountId, paths: this.paths, tx: (fn) => this.tx(fn) };
  }
}
