import { fail } from "../errors.js";

export type FolderKind = "mail" | "calendar" | "contacts" | "tasks" | "notes";

/** The folders every mailbox starts with, as WorkMail names them. */
export const DEFAULT_FOLDERS: ReadonlyArray<{ path: string; kind: FolderKind }> = [
  { path: "Inbox", kind: "mail" },
  { path: "Drafts", kind: "mail" },
  { path: "Sent Items", kind: "mail" },
  { path: "Deleted Items", kind: "mail" },
  { path: "Junk E-mail", kind: "mail" },
  { path: "Calendar", kind: "calendar" },
  { path: "Contacts", kind: "contacts" },
  { path: "Tasks", kind: "tasks" },
  { path: "Notes", kind: "notes" },
];

/** Folder kinds whose items a mailbox export job writes (email messages and calendar items). */
export const EXPORTED_FOLDER_KINDS: readonly FolderKind[] = ["mail", "calendar"];

/** The API's folder names (retention policies) for the well-known folders. */
const API_NAMES: Readonly<Record<string, string>> = {
  INBOX: "Inbox",
  DRAFTS: "Drafts",
  SENT_ITEMS: "Sent Items",
  DELETED_ITEMS: "Deleted Items",
  JUNK_EMAIL: "Junk E-mail",
};

const MAX_DEPTH = 16;
const MAX_SEGMENT = 255;

/**
 * A folder path as given by an admin (`Inbox`, `inbox`, `SENT_ITEMS`, `Inbox/Projects/2024`) in
 * its canonical form: well-known top-level folders keep WorkMail's spelling, segments are trimmed,
 * and names that cannot be a folder (empty, `.`, `..`, control characters, backslashes) are
 * refused with InvalidParameterException.
 */
export function canonicalFolderPath(input: string): string {
  const raw = input.trim();
  if (Object.hasOwn(API_NAMES, raw)) return API_NAMES[raw] as string;
  const segments = raw.split("/").map((s) => s.trim());
  if (segments.length > MAX_DEPTH)
    throw fail.invalidParameter(`The folder ${input} is nested deeper than ${MAX_DEPTH} levels.`);
  for (const s of segments) {
    if (s === "" || s === "." || s === "..")
      throw fail.invalidParameter(
        `The folder name "${input}" is not valid: empty, "." and ".." segments are not allowed.`,
      );
    if (s.length > MAX_SEGMENT)
      throw fail.invalidParameter(`A folder name may have at most ${MAX_SEGMENT} characters.`);
    if (/[\u0000-\u001f\u007f\\]/.test(s))
      throw fail.invalidParameter(`The folder name "${input}" contains a control character or a backslash.`);
  }
  const top = DEFAULT_FOLDERS.find((f) => f.path.toLowerCase() === (segments[0] as string).toLowerCase());
  if (top !== undefined) segments[0] = top.path;
  return segments.join("/");
}

/** The kind of a folder created on delivery: its top-level default folder's kind, else mail. */
export function kindOfPath(path: string): FolderKind {
  const top = path.split("/")[0]?.toLowerCase();
  return DEFAULT_FOLDERS.find((f) => f.path.toLowerCase() === top)?.kind ?? "mail";
}
