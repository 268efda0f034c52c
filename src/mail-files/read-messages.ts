import { createReadStream, type Stats } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../errors/cli-error.js";
import { readUserFile, userFileError } from "../io/user-file.js";

export interface MessageSource {
  /** The file, or `file#n` for the n-th message of an mbox. */
  readonly name: string;
  readonly raw: Buffer;
}

/**
 * The messages in the files an admin names: a file holds one message (.eml, .vcf, a maildir file),
 * unless it is an mbox (its first line starts with "From "), which holds many; a directory holds
 * its files, recursively, in name order (hidden files skipped). Raw bytes are kept as they are;
 * only mbox framing is undone (the "From " separator lines, and one ">" of ">From " lines,
 * mboxrd's quoting).
 */
export async function* readMessages(paths: readonly string[]): AsyncGenerator<MessageSource> {
  for (const path of paths) {
    let s: Stats;
    try {
      s = await stat(path);
    } catch (e) {
      throw userFileError(e, path, "message file");
    }
    if (s.isDirectory()) yield* readDirectory(path);
    // Never /dev/zero, a FIFO or a terminal: it would hang or never end.
    else if (s.isFile()) yield* readFile(path);
    else throw new UsageError(`message file ${path} is not a regular file`);
  }
}

async function* readDirectory(dir: string): AsyncGenerator<MessageSource> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* readDirectory(p);
    else if (e.isFile()) yield* readFile(p);
  }
}

async function* readFile(path: string): AsyncGenerator<MessageSource> {
  if (await isMbox(path)) {
    yield* readMbox(path);
    return;
  }
  yield { name: path, raw: await readUserFile(path, "message file", MESSAGE_FILE_MAX_BYTES) };
}

/**
 * One message file: WorkMail takes MIME messages up to 40 MB; a file far larger is no message (an
 * mbox is read as it streams, whatever its size).
 */
const MESSAGE_FILE_MAX_BYTES = 64 * 1024 * 1024;

async function isMbox(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString("latin1") === "From ";
  } finally {
    await handle.close();
  }
}

const FROM = Buffer.from("From ");

/** Splits an mbox (mboxo/mboxrd) as it streams: one message in memory at a time. */
async function* readMbox(path: string): AsyncGenerator<MessageSource> {
  let lines: Buffer[] = [];
  let n = 0;
  let previousBlank = true;
  const flush = (): MessageSource | undefined => {
    if (lines.length === 0) return undefined;
    // The blank line before a separator belongs to the mbox framing, not to the message.
    const last = lines[lines.length - 1] as Buffer;
    if (last.length <= 2 && (last.toString("latin1") === "\n" || last.toString("latin1") === "\r\n")) lines.pop();
    const raw = Buffer.concat(lines);
    lines = [];
    n++;
    return { name: `${basename(path)}#${n}`, raw };
  };
  for await (const line of splitLines(createReadStream(path, { highWaterMark: 1 << 20 }))) {
    if (previousBlank && line.subarray(0, 5).equals(FROM)) {
      const m = flush();
      if (m) yield m;
      previousBlank = false;
      continue;
    }
    previousBlank = line.length <= 2 && (line[0] === 0x0a || (line[0] === 0x0d && line[1] === 0x0a));
    lines.push(unquote(line));
  }
  const m = flush();
  if (m) yield m;
}

/** mboxrd: ">From ", ">>From " ... lose one ">". */
function unquote(line: Buffer): Buffer {
  if (line[0] !== 0x3e) return line;
  let i = 0;
  while (line[i] === 0x3e) i++;
  return line.subarray(i, i + 5).equals(FROM) ? line.subarray(1) : line;
}

/** Lines with their end-of-line bytes, as Buffers. */
async function* splitLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buf = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
    let start = 0;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, start)) {
      yield buf.subarray(start, i + 1);
      start = i + 1;
    }
    rest = buf.subarray(start);
  }
  if (rest.length > 0) yield rest;
}
