/** A folder of a mailbox being copied, as the source names it. */
export interface SourceFolder {
  /** Path as the source spells it (`Inbox/Projects`, or an IMAP source's path). */
  readonly path: string;
  readonly delimiter: string;
  /** An IMAP source's SPECIAL-USE attribute, if any. */
  readonly specialUse: string | undefined;
}

interface SourceMessageData {
  readonly raw: Buffer;
  readonly internalDate: Date | undefined;
  /** \Seen when the source knows it (IMAP), undefined when it does not (export zips). */
  readonly seen: boolean | undefined;
}

export interface SourceMessage {
  readonly folder: string;
  /** Where it is in the source (the zip entry, or the folder's UID), for messages and errors. */
  readonly ref: string;
  read(): Promise<SourceMessageData>;
}

/** One mailbox's content, from an export zip or an IMAP server. */
export interface MailSource {
  /** `export zip <path>` or `imap://host/user`: for reports, never holding a secret. */
  readonly describe: string;
  folders(): Promise<SourceFolder[]>;
  /** The folder's messages, listed without their bytes (read() fetches them). */
  messages(folder: string): Promise<SourceMessage[]>;
  close(): Promise<void>;
}
