import { createHash } from "node:crypto";

/**
 * IMAP carries messages with CRLF line ends, and servers store and return them so: the bytes a
 * target gives back for an LF-only message are the CRLF form. Sizes and hashes are taken of that
 * form, so a message compares equal to its copy in the target.
 */
export function toCrlf(raw: Buffer): Buffer {
  let lf = 0;
  let bare = false;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 10) {
      lf++;
      if (i === 0 || raw[i - 1] !== 13) bare = true;
    }
  }
  if (!bare) return raw;
  const out = Buffer.allocUnsafe(raw.length + lf);
  let o = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] as number;
    if (b === 10 && (i === 0 || raw[i - 1] !== 13)) out[o++] = 13;
    out[o++] = b;
  }
  return out.subarray(0, o);
}

/** SHA-256 (hex) of the message's CRLF form. */
export function messageHash(raw: Buffer): string {
  return createHash("sha256").update(toCrlf(raw)).digest("hex");
}

/** The size the target reports (RFC822.SIZE): the CRLF form's length. */
export function imapSize(raw: Buffer): number {
  return toCrlf(raw).length;
}

/** The header block (up to the first empty line), without the body. */
function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : raw.length;
  return raw.subarray(0, end);
}

export interface MessageFacts {
  /** The Message-ID header, with its angle brackets, or undefined. */
  readonly messageId: string | undefined;
  readonly subject: string | undefined;
  readonly sha256: string;
  readonly size: number;
}

/** What the copy needs of a message: Message-ID and subject (postal-mime, headers only), hash and size. */
export async function messageFacts(raw: Buffer): Promise<MessageFacts> {
  const { default: PostalMime } = await import("postal-mime");
  const head = headerBlock(raw);
  let messageId: string | undefined;
  let subject: string | undefined;
  try {
    const parsed = await PostalMime.parse(head);
    messageId = normalizeMessageId(parsed.messageId);
    subject = parsed.subject;
  } catch {
    // Unparseable headers: the hash alone identifies the message.
  }
  const crlf = toCrlf(raw);
  return { messageId, subject, sha256: createHash("sha256").update(crlf).digest("hex"), size: crlf.length };
}

export function normalizeMessageId(id: string | undefined | null): string | undefined {
  const t = id?.trim();
  if (t === undefined || t === "") return undefined;
  return t.startsWith("<") ? t : `<${t}>`;
}

/** The dedupe key of a message within a folder: Message-ID plus the hash of its bytes. */
export function dedupeKey(f: Pick<MessageFacts, "messageId" | "sha256">): string {
  return `${f.messageId ?? ""}|${f.sha256}`;
}
