import type { WorkMailApi, WorkMailOperation } from "../../backend/workmail-api.js";
import type { Sim, StorePaths } from "../sim.js";

type MethodOf<Op extends WorkMailOperation> = Uncapitalize<Op> & keyof WorkMailApi;
type RequestOf<Op extends WorkMailOperation> = Parameters<WorkMailApi[MethodOf<Op>]>[0];

/**
 * The SDK types required members as `X | undefined`; once the model validation has run they are
 * present, so handlers see them as plain `X` (required keys are the non-optional ones).
 */
type Validated<T> = {
  [K in keyof T as object extends Pick<T, K> ? never : K]-?: Exclude<T[K], undefined>;
} & {
  [K in keyof T as object extends Pick<T, K> ? K : never]?: T[K];
};

type InputOf<Op extends WorkMailOperation> = Validated<RequestOf<Op>>;
type OutputOf<Op extends WorkMailOperation> = Awaited<ReturnType<WorkMailApi[MethodOf<Op>]>>;

/** Runs inside one IMMEDIATE transaction: the whole operation commits or nothing does. */
type SyncHandler<Op extends WorkMailOperation> = (sim: Sim, input: InputOf<Op>) => OutputOf<Op>;

/**
 * For operations that must do I/O outside a transaction (DNS lookups, writing a zip). They run
 * their store work through `ctx.tx`, each call one transaction.
 */
interface AsyncHandler<Op extends WorkMailOperation> {
  readonly async: (ctx: AsyncContext, input: InputOf<Op>) => Promise<OutputOf<Op>>;
}

export interface AsyncContext {
  readonly region: string;
  readonly accountId: string;
  readonly paths: StorePaths;
  tx<T>(fn: (sim: Sim) => T): T;
}

export type Handler<Op extends WorkMailOperation> = SyncHandler<Op> | AsyncHandler<Op>;

/** One API area's operations. */
export type Handlers = { readonly [Op in WorkMailOperation]?: Handler<Op> };
