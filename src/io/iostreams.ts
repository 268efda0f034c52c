import { PassThrough, type Readable, type Writable } from "node:stream";

/**
 * The process's streams and what is known about them (gh's pkg/iostreams). Commands never touch
 * process.stdout directly: they get an IOStreams through the context, so tests can capture output
 * and pretend to be a terminal.
 */
export interface IOStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly isStdinTTY: boolean;
  readonly isStdoutTTY: boolean;
  readonly isStderrTTY: boolean;
  /** Terminal width for tables (80 when unknown). */
  readonly columns: number;
}

export function systemIO(): IOStreams {
  // `wmctl user list | head`: the reader may go away early. Writes after that are dropped instead
  // of crashing with an unhandled EPIPE.
  const guarded = (stream: NodeJS.WriteStream) => {
    if (stream.listenerCount("error") === 0) {
      stream.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") throw e;
      });
    }
    return stream;
  };
  let stderr: NodeJS.WriteStream | undefined;
  const lazyStderr = () => (stderr ??= guarded(process.stderr));
  return {
    // process.stdin is built on first use: most commands never read it or ask (about 1.5 ms of startup).
    get stdin() {
      return process.stdin;
    },
    get isStdinTTY() {
      return process.stdin.isTTY === true;
    },
    stdout: guarded(process.stdout),
    // stderr too is built on first use: --help and the help topics never write to it, and on a pipe
    // it is a socket (node:net, about 2 ms).
    get stderr() {
      return lazyStderr();
    },
    get isStderrTTY() {
      return lazyStderr().isTTY === true;
    },
    isStdoutTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
  };
}

export interface TestIO extends IOStreams {
  stdoutText(): string;
  stderrText(): string;
}

/** In-memory streams for tests; `stdin` text is readable once. */
export function testIO(
  options: { stdoutTTY?: boolean; stderrTTY?: boolean; stdinTTY?: boolean; stdin?: string; columns?: number } = {},
): TestIO {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? "");
  // A pretend terminal on stderr is one for the progress bars too (they draw only on a TTY).
  if (options.stderrTTY === true) Object.assign(stderr, { isTTY: true, columns: options.columns ?? 120 });
  return {
    stdin,
    stdout,
    stderr,
    isStdinTTY: options.stdinTTY ?? false,
    isStdoutTTY: options.stdoutTTY ?? false,
    isStderrTTY: options.stderrTTY ?? false,
    columns: options.columns ?? 120,
    stdoutText: () => Buffer.concat(out).toString("utf8"),
    stderrText: () => Buffer.concat(err).toString("utf8"),
  };
}

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
