import { passwordProblem } from "../backend/password-policy.js";
import { UsageError } from "../errors/cli-error.js";
import { readAll, type IOStreams } from "../io/iostreams.js";
import { checkUserFile, readUserFile } from "../io/user-file.js";
import type { Prompter } from "../prompts/prompter.js";

export interface PasswordSource {
  /** --password-stdin */
  readonly stdin?: boolean;
  /** --password-file */
  readonly file?: string | undefined;
  /** --generate-password */
  readonly generate?: boolean;
}

export interface ObtainedPassword {
  readonly password: string;
  /** True when wmctl made it up: the command shows it once. */
  readonly generated: boolean;
}

/** A password file holds one password (WorkMail's are at most 256 characters), never megabytes. */
const PASSWORD_FILE_MAX_BYTES = 4096;

/**
 * Gets a password without it ever being on argv: from stdin, a file, a masked prompt (asked twice)
 * or generated. Never echoes it.
 */
export async function obtainPassword(
  source: PasswordSource,
  io: IOStreams,
  prompter: Prompter,
  options: { optional?: boolean; warn?: (m: string) => void } = {},
): Promise<ObtainedPassword | undefined> {
  const given = [source.stdin === true, source.file !== undefined, source.generate === true].filter(Boolean).length;
  if (given > 1) throw new UsageError("use only one of --password-stdin, --password-file and --generate-password");
  if (source.stdin) {
    if (io.isStdinTTY)
      throw new UsageError(
        "--password-stdin reads a piped password, but stdin is a terminal",
        "pipe it: printf '%s' \"$PW\" | wmctl ...",
      );
    return { password: nonEmpty(stripNewline(await readAll(io.stdin)), "stdin"), generated: false };
  }
  if (source.file !== undefined) {
    const st = await checkUserFile(source.file, "--password-file", PASSWORD_FILE_MAX_BYTES);
    if ((st.mode & 0o077) !== 0)
      options.warn?.(`${source.file} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`);
    const text = (await readUserFile(source.file, "--password-file", PASSWORD_FILE_MAX_BYTES)).toString("utf8");
    return { password: nonEmpty(stripNewline(text), source.file), generated: false };
  }
  if (source.generate) return { password: generatePassword(), generated: true };
  if (options.optional) return undefined;
  // The policy is checked as soon as the password is typed (the prompt asks again), and a repeat
  // that differs starts over, up to three times.
  for (let attempt = 1; attempt <= PROMPT_ATTEMPTS; attempt++) {
    const first = await prompter.password("Password", {
      flag: "--password-stdin, --password-file or --generate-password",
      validate: (v) => passwordProblem(v) ?? true,
    });
    const second = await prompter.password("Repeat password", { flag: "--password-stdin" });
    if (first === second) return { password: nonEmpty(first, "the prompt"), generated: false };
    if (attempt < PROMPT_ATTEMPTS)
      options.warn?.(
        `the two passwords differ; try again (${PROMPT_ATTEMPTS - attempt} ${PROMPT_ATTEMPTS - attempt === 1 ? "try" : "tries"} left)`,
      );
  }
  throw new UsageError(
    `the two passwords differed ${PROMPT_ATTEMPTS} times`,
    "or pass --password-stdin, --password-file or --generate-password",
  );
}

const PROMPT_ATTEMPTS = 3;

const GROUPS = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%+-=?@^_"];

/** 20 characters from all four ASCII groups: meets the WorkMail password policy. */
export function generatePassword(length = 20): string {
  const all = GROUPS.join("");
  const chars = GROUPS.map((g) => g[randomInt(g.length)] as string);
  while (chars.length < length) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join("");
}

function stripNewline(s: string): string {
  return s.replace(/\r?\n$/, "");
}

function nonEmpty(s: string, where: string): string {
  if (s === "") throw new UsageError(`the password from ${where} is empty`);
  return s;
}

/**
 * A uniform integer in [0, n) from the Web Crypto global (loaded on first use, unlike node:crypto,
 * which would cost every command's startup a few milliseconds). Rejection sampling: no modulo bias.
 */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const word = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(word);
    const x = word[0] as number;
    if (x < limit) return x % n;
  }
}
