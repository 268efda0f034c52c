/** SPECIAL-USE attributes (RFC 6154) that WorkMail's well-known folders land on. */
type SpecialUse = "\\Inbox" | "\\Sent" | "\\Trash" | "\\Junk" | "\\Drafts";

/** WorkMail's well-known top-level mail folders, as exports name them, and where they land. */
const WORKMAIL_SPECIAL_FOLDERS: Readonly<Record<string, SpecialUse>> = {
  inbox: "\\Inbox",
  "sent items": "\\Sent",
  "deleted items": "\\Trash",
  "junk e-mail": "\\Junk",
  drafts: "\\Drafts",
};

/** Top-level folders of an export that hold no email (calendar items): IMAP has nowhere to put them. */
const NON_MAIL_FOLDERS = new Set(["calendar"]);

/** A folder as the target server lists it. */
export interface TargetFolder {
  readonly path: string;
  readonly specialUse: string | undefined;
  readonly delimiter: string | undefined;
}

export interface TargetLayout {
  /** The server's hierarchy delimiter ("/" or "." mostly). */
  readonly delimiter: string;
  /** Path of the folder with each SPECIAL-USE attribute (INBOX for \Inbox). */
  readonly special: ReadonlyMap<string, string>;
}

/** The layout of a target from its LIST answer (imapflow's list(): paths, specialUse, delimiter). */
export function targetLayout(folders: readonly TargetFolder[]): TargetLayout {
  const special = new Map<string, string>([["\\Inbox", "INBOX"]]);
  let delimiter: string | undefined;
  for (const f of folders) {
    delimiter ??= f.delimiter ?? undefined;
    if (f.specialUse !== undefined && f.specialUse !== "" && (!special.has(f.specialUse) || f.specialUse === "\\Inbox"))
      special.set(f.specialUse, f.path);
  }
  return { delimiter: delimiter ?? "/", special };
}

export type FolderMapping =
  | {
      readonly skip: false;
      readonly target: string;
      readonly segments: readonly string[];
      readonly specialUse: SpecialUse | undefined;
    }
  | { readonly skip: true; readonly reason: string };

/**
 * Where a source folder lands: `Sent Items/2024` goes under the target's \Sent folder whatever it
 * is called there, `Inbox/Projects` under INBOX, other folders by name; segments are joined with the
 * target's own delimiter (a delimiter inside a name becomes "_", so the tree keeps its shape).
 * `sourceSpecialUse` is the source folder's own attribute (an IMAP source), which wins over its name.
 * The returned `target` is the path as imapflow takes it (it encodes non-ASCII names itself).
 */
export function mapFolder(
  sourcePath: string,
  layout: TargetLayout,
  sourceDelimiter = "/",
  sourceSpecialUse?: string,
): FolderMapping {
  const segments = sourcePath.split(sourceDelimiter).filter((s) => s !== "");
  if (segments.length === 0) return { skip: true, reason: "empty folder name" };
  const top = (segments[0] as string).toLowerCase();
  if (NON_MAIL_FOLDERS.has(top) && sourceSpecialUse === undefined)
    return {
      skip: true,
      reason: "calendar items have no IMAP equivalent: import the export's .ics items into the target's calendar",
    };
  const special =
    (isSpecialUse(sourceSpecialUse) ? sourceSpecialUse : undefined) ??
    (sourceSpecialUse === undefined ? WORKMAIL_SPECIAL_FOLDERS[top] : undefined);
  const clean = (s: string) => (layout.delimiter === "" ? s : s.split(layout.delimiter).join("_"));
  const rest = segments.slice(1).map(clean);
  let head: string[];
  if (special !== undefined) {
    const found = layout.special.get(special);
    head = found !== undefined ? found.split(layout.delimiter) : [clean(segments[0] as string)];
  } else {
    head = [clean(segments[0] as string)];
  }
  const all = [...head, ...rest];
  return { skip: false, target: all.join(layout.delimiter), segments: all, specialUse: special };
}

function isSpecialUse(s: string | undefined): s is SpecialUse {
  return s === "\\Inbox" || s === "\\Sent" || s === "\\Trash" || s === "\\Junk" || s === "\\Drafts";
}
