import { CancelledError, UsageError } from "../errors/cli-error.js";
import type { IOStreams } from "../io/iostreams.js";

export interface Choice<T extends string = string> {
  readonly value: T;
  readonly name?: string;
  readonly description?: string;
}

/**
 * Questions a command may ask. Every question names its flag twin, so that without a terminal the
 * command fails at once with "missing --x" instead of hanging (@inquirer/prompts never resolves on
 * a non-TTY stdin).
 */
export interface Prompter {
  readonly canPrompt: boolean;
  confirm(message: string, options: { flag: string; default?: boolean }): Promise<boolean>;
  input(
    message: string,
    options: { flag: string; default?: string; validate?: (v: string) => true | string },
  ): Promise<string>;
  password(message: string, options: { flag: string; validate?: (v: string) => true | string }): Promise<string>;
  select<T extends string>(
    message: string,
    choices: readonly Choice<T>[],
    options: { flag: string; default?: T },
  ): Promise<T>;
}

/** Used when stdin/stdout are not terminals or --no-input is given: every question is a usage error. */
export class NoPrompter implements Prompter {
  readonly canPrompt = false;
  constructor(private readonly reason: string) {}
  confirm(message: string, o: { flag: string }): Promise<boolean> {
    return Promise.reject(this.missing(message, o.flag));
  }
  input(message: string, o: { flag: string }): Promise<string> {
    return Promise.reject(this.missing(message, o.flag));
  }
  password(message: string, o: { flag: string }): Promise<string> {
    return Promise.reject(this.missing(message, o.flag));
  }
  select<T extends string>(message: string, _c: readonly Choice<T>[], o: { flag: string }): Promise<T> {
    return Promise.reject(this.missing(message, o.flag));
  }
  private missing(message: string, flag: string): UsageError {
    return new UsageError(`${message.replace(/[?:]\s*$/, "")}: cannot prompt (${this.reason})`, `pass ${flag}`);
  }
}

/** @inquirer/prompts on the terminal, loaded on first use; prompts are drawn on stderr. */
class InquirerPrompter implements Prompter {
  readonly canPrompt = true;
  constructor(private readonly io: IOStreams) {}

  async confirm(message: string, o: { flag: string; default?: boolean }): Promise<boolean> {
    const { confirm } = await import("@inquirer/prompts");
    return this.guard(() => confirm({ message, default: o.default ?? false }, this.context()));
  }

  async input(
    message: string,
    o: { flag: string; default?: string; validate?: (v: string) => true | string },
  ): Promise<string> {
    const { input } = await import("@inquirer/prompts");
    return this.guard(() =>
      input(
        {
          message,
          ...(o.default === undefined ? {} : { default: o.default }),
          ...(o.validate ? { validate: o.validate } : {}),
        },
        this.context(),
      ),
    );
  }

  async password(message: string, o: { flag: string; validate?: (v: string) => true | string }): Promise<string> {
    const { password } = await import("@inquirer/prompts");
    return this.guard(() =>
      password({ message, mask: "*", ...(o.validate ? { validate: o.validate } : {}) }, this.context()),
    );
  }

  async select<T extends string>(
    message: string,
    choices: readonly Choice<T>[],
    o: { flag: string; default?: T },
  ): Promise<T> {
    const { select } = await import("@inquirer/prompts");
    return this.guard(() =>
      select<T>(
        {
          message,
          choices: choices.map((c) => ({ ...c })),
          ...(o.default === undefined ? {} : { default: o.default }),
        },
        this.context(),
      ),
    );
  }

  private context() {
    return { input: this.io.stdin, output: this.io.stderr, clearPromptOnDone: false };
  }

  private async guard<T>(ask: () => Promise<T>): Promise<T> {
    try {
      return await ask();
    } catch (e) {
      if (e instanceof Error && (e.name === "ExitPromptError" || e.name === "AbortPromptError"))
        throw new CancelledError();
      throw e;
    }
  }
}

export function createPrompter(io: IOStreams, noInput: boolean): Prompter {
  if (noInput) return new NoPrompter("--no-input");
  if (!io.isStdinTTY || !io.isStderrTTY) return new NoPrompter("no terminal");
  return new InquirerPrompter(io);
}
