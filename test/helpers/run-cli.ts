import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { testIO } from "../../src/io/iostreams.js";
import type { Prompter } from "../../src/prompts/prompter.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Pretend stdout is a terminal (tables with headers). */
  readonly tty?: boolean;
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  readonly prompter?: Prompter;
  readonly columns?: number;
  /** Stands for SIGINT/SIGTERM in long-running commands (`local serve` stops when it resolves). */
  readonly interrupted?: () => Promise<string>;
}

/**
 * A wmctl "installation" for in-process command tests: its own WMCTL_HOME (config and local
 * store), and a `run(argv)` that calls main() with captured streams.
 */
export class CliHarness {
  readonly home: string;

  constructor(readonly baseEnv: Record<string, string | undefined> = {}) {
    this.home = mkdtempSync(join(tmpdir(), "wmctl-cli-"));
  }

  async run(argv: string | readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const args = typeof argv === "string" ? splitArgs(argv) : argv;
    const io = testIO({
      stdoutTTY: options.tty ?? false,
      stderrTTY: options.tty ?? false,
      stdinTTY: false,
      stdin: options.stdin ?? "",
      columns: options.columns ?? 200,
    });
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: "1",
      WMCTL_HOME: this.home,
      ...this.baseEnv,
      ...options.env,
    };
    const code = await main(args, {
      io,
      env,
      ...(options.prompter ? { prompter: options.prompter } : {}),
      ...(options.interrupted ? { interrupted: options.interrupted } : {}),
    });
    return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
  }

  /** Runs and fails the test with the command's stderr unless it exits 0. */
  async ok(argv: string | readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const r = await this.run(argv, options);
    if (r.code !== 0) throw new Error(`wmctl ${String(argv)} exited ${r.code}\n${r.stderr}`);
    return r;
  }

  /** Runs with -o json and parses stdout. */
  async json<T = unknown>(argv: string | readonly string[], options: RunOptions = {}): Promise<T> {
    const args = typeof argv === "string" ? splitArgs(argv) : [...argv];
    const r = await this.ok([...args, "-o", "json"], options);
    return JSON.parse(r.stdout) as T;
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Splits a command line on spaces, honouring simple single or double quotes. */
function splitArgs(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
}
