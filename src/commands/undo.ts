import type { CommandContext } from "../context/context.js";
import { toCliError } from "../errors/to-cli-error.js";

/**
 * What a composite create did, to take back when a later step fails: `user create` and friends
 * leave no half-made entity behind unless --keep-partial. Steps are undone newest first; an undo
 * step that fails is reported and the rest still run.
 */
export class Undo {
  private readonly steps: Array<{ what: string; run: () => Promise<unknown> }> = [];

  constructor(
    private readonly ctx: CommandContext,
    private readonly subject: string,
  ) {}

  push(what: string, run: () => Promise<unknown>): void {
    this.steps.push({ what, run });
  }

  get empty(): boolean {
    return this.steps.length === 0;
  }

  /** After `failure`: keeps what was done (keep) and says so, or undoes it. */
  async unlessKept(failure: unknown, keep: boolean): Promise<void> {
    if (this.steps.length === 0) return;
    const why = toCliError(failure).message;
    if (keep) {
      this.ctx.out.warn(`${this.subject}: kept what this run did (--keep-partial) after: ${why}`);
      return;
    }
    const undone: string[] = [];
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
        undone.push(step.what);
      } catch (e) {
        this.ctx.out.warn(`${this.subject}: could not ${step.what}: ${toCliError(e).message}`);
      }
    }
    this.steps.length = 0;
    if (undone.length > 0)
      this.ctx.out.warn(`${this.subject}: a step failed, so this run's changes were undone (${undone.join(", ")})`);
  }
}
