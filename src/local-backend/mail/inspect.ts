/** What delivery learns about one message before storing it. */
export interface Inspected {
  readonly kind: "message" | "calendar" | "contact";
  /** The folder it goes to when the admin names none. */
  readonly defaultFolder: string;
  readonly subject?: string;
  readonly messageId?: string;
  readonly from?: string;
  readonly sentAt?: number;
  readonly attachments: number;
  /** Set when the service would refuse the message. */
  readonly problem?: { readonly code: string; readonly reason: string };
}

const MIB = 1024 * 1024;

/** Guide, "Message quotas" (hard quotas): incoming MIME at most 40 MB, 29 MB of unencoded data, 500 attachments, 500 recipients. */
export const MESSAGE_QUOTAS = {
  maxMimeBytes: 40 * MIB,
  maxUnencodedBytes: 29 * MIB,
  maxAttachments: 500,
  maxRecipients: 500,
} as const;

type PostalMimeModule = typeof import("postal-mime");
let parser: Promise<PostalMimeModule> | undefined;

/**
 * Parses a message with postal-mime and checks it against the guide's message quotas. A vCard file
 * (BEGIN:VCARD) is kept as a contact: the mailbox holds it, an export job cannot export it (the
 * log's totalNonExportableItems).
 */
export async function inspectMessage(raw: Uint8Array): Promise<Inspected> {
  const size = raw.byteLength;
  if (size > MESSAGE_QUOTAS.maxMimeBytes) {
    return reject(
      "message",
      "MESSAGE_TOO_LARGE",
      `The message is ${mib(size)} in MIME format; the limit for incoming messages is 40 MB.`,
    );
  }
  if (isVCard(raw)) return { kind: "contact", defaultFolder: "Contacts", attachments: 0 };

  if (!startsWithHeaderField(raw))
    return reject(
      "message",
      "NOT_MIME",
      "The file is not a MIME message: it does not start with a header field (Name: value).",
    );
  const { default: PostalMime } = await (parser ??= import("postal-mime"));
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw);
  } catch (e) {
    return reject("message", "NOT_MIME", `The message cannot be parsed as MIME: ${(e as Error).message}`);
  }
  if (email.headers.length === 0)
    return reject("message", "NOT_MIME", "The file is not a MIME message: it has no header section.");

  const contentType = email.headers.find((h) => h.key === "content-type")?.value.toLowerCase() ?? "";
  const calendar =
    contentType.startsWith("text/calendar") ||
    email.attachments.some((a) => a.mimeType === "text/calendar" && a.method !== undefined);
  const kind = calendar ? "calendar" : "message";
  const attachments = email.attachments.filter(
    (a) => a.mimeType !== "text/calendar" || a.disposition === "attachment",
  ).length;
  const info = {
    kind,
    defaultFolder: calendar ? "Calendar" : "Inbox",
    attachments,
    ...(email.subject === undefined ? {} : { subject: email.subject }),
    ...(email.messageId === undefined ? {} : { messageId: email.messageId }),
    ...(fromAddress(email.from) === undefined ? {} : { from: fromAddress(email.from) as string }),
    ...(sentAt(email.date) === undefined ? {} : { sentAt: sentAt(email.date) as number }),
  } as const;

  let unencoded = Buffer.byteLength(email.text ?? "") + Buffer.byteLength(email.html ?? "");
  for (const a of email.attachments)
    unencoded += typeof a.content === "string" ? Buffer.byteLength(a.content) : a.content.byteLength;
  if (unencoded > MESSAGE_QUOTAS.maxUnencodedBytes) {
    return {
      ...info,
      problem: {
        code: "MESSAGE_TOO_LARGE",
        reason: `The message holds ${mib(unencoded)} of unencoded data; the limit is 29 MB.`,
      },
    };
  }
  if (email.attachments.length > MESSAGE_QUOTAS.maxAttachments) {
    return {
      ...info,
      problem: {
        code: "TOO_MANY_ATTACHMENTS",
        reason: `The message has ${email.attachments.length} attachments; the limit is 500.`,
      },
    };
  }
  const recipients = [email.to, email.cc, email.bcc].reduce((n, list) => n + countAddresses(list), 0);
  if (recipients > MESSAGE_QUOTAS.maxRecipients) {
    return {
      ...info,
      problem: {
        code: "TOO_MANY_RECIPIENTS",
        reason: `The message is addressed to ${recipients} recipients; the limit is 500.`,
      },
    };
  }
  return info;
}

function reject(kind: Inspected["kind"], code: string, reason: string): Inspected {
  return { kind, defaultFolder: "Inbox", attachments: 0, problem: { code, reason } };
}

/** RFC 5322: a message starts with a header field, `field-name ":"` (printable ASCII but ":"). */
function startsWithHeaderField(raw: Uint8Array): boolean {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 1000)).toString("latin1");
  return /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(head);
}

function isVCard(raw: Uint8Array): boolean {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 64))
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart();
  return /^BEGIN:VCARD\r?\n/i.test(head);
}

type Address = { address?: string | undefined; group?: Array<{ address: string }> | undefined };

function countAddresses(list: Address[] | undefined): number {
  return (list ?? []).reduce((n, a) => n + (a.group === undefined ? 1 : a.group.length), 0);
}

function fromAddress(from: Address | undefined): string | undefined {
  if (from === undefined) return undefined;
  return from.address ?? from.group?.[0]?.address;
}

function sentAt(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : t;
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MB`;
}
