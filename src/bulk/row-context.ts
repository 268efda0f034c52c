import { PassThrough } from "node:stream";
import type { WorkMailApi } from "../backend/workmail-api.js";
import type { CommandContext } from "../context/context.js";
import { EntityResolver } from "../context/entity-resolver.js";
import { generatePassword, type ObtainedPassword } from "../context/secrets.js";
import { Output, type PlannedChange } from "../output/output.js";
import { NoPrompter } from "../prompts/prompter.js";

/**
 * What one row's command said: its plan (dry run), its status lines (changes made), notes and
 * warnings, and the record it would have printed. A row changed something when it has status
 * lines (or, dry, plan lines); only notes means it was already so ("skip").
 */
export class RowOutput extends Output {
  readonly plans: PlannedChange[] = [];
  readonly statuses: string[] = [];
  readonly notes: string[] = [];
  readonly warnings: string[] = [];
  records: object[] = [];

  constructor(base: Output) {
    super(new PassThrough(), new PassThrough(), { ...base.config, quiet: false, progress: false }, undefined);
  }
  override plan(change: PlannedChange): void {
    this.plans.push(change);
  }
  override status(message: string): void {
    this.statuses.push(message);
  }
  override info(message: string): void {
    this.notes.push(message);
  }
  override warn(message: string): void {
    this.warnings.push(message);
  }
  override record(item: object): void {
    this.records.push(item);
  }
  override row(item: object): void {
    this.records.push(item);
  }
  override text(): void {}
  override async end(): Promise<void> {}
}

/**
 * The shared part of every row's context: the rate-limited port, one resolver over it (its cache
 * is shared by every row), and no prompts (the run asked once, up front).
 */
export interface RowContextBase {
  readonly ctx: CommandContext;
  readonly api: WorkMailApi;
  readonly resolve: EntityResolver;
}

export function rowContextBase(ctx: CommandContext, api: WorkMailApi): RowContextBase {
  return {
    ctx,
    api,
    resolve: new EntityResolver(
      async () => api,
      () => ctx.org(),
    ),
  };
}

/**
 * The context one row's command runs in: the single commands' run functions and engines are used
 * as they are, with the row's output captured, confirmations given (the run confirmed once), and the
 * row's password (a column, or generated) instead of a prompt.
 */
export function rowContext(
  base: RowContextBase,
  out: RowOutput,
  password: string | undefined,
  onGenerated: (password: string) => void,
): CommandContext {
  const { ctx, api, resolve } = base;
  const rowCtx: CommandContext = {
    ...ctx,
    out,
    settings: { ...ctx.settings, yes: true },
    prompter: new NoPrompter("a bulk row"),
    backend: async () => api,
    resolve,
    confirm: async () => undefined,
    // A generated password is saved (--passwords-out) before the call that sets it.
    password: async (): Promise<ObtainedPassword> => {
      if (password !== undefined) return { password, generated: false };
      const made = generatePassword();
      onGenerated(made);
      return { password: made, generated: true };
    },
  };
  return rowCtx;
}
