import type { FolderConfiguration, GetDefaultRetentionPolicyResponse } from "@aws-sdk/client-workmail";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";
import { unlessServiceError } from "../../errors/with-hint.js";

const FOLDERS = ["INBOX", "DELETED_ITEMS", "SENT_ITEMS", "DRAFTS", "JUNK_EMAIL"] as const;
const ACTIONS = ["NONE", "DELETE", "PERMANENTLY_DELETE"] as const;

const FOLDER_ALIASES: Record<string, (typeof FOLDERS)[number]> = {
  inbox: "INBOX",
  deleted: "DELETED_ITEMS",
  "deleted-items": "DELETED_ITEMS",
  sent: "SENT_ITEMS",
  "sent-items": "SENT_ITEMS",
  drafts: "DRAFTS",
  junk: "JUNK_EMAIL",
  "junk-email": "JUNK_EMAIL",
};
const ACTION_ALIASES: Record<string, (typeof ACTIONS)[number]> = {
  none: "NONE",
  keep: "NONE",
  delete: "DELETE",
  "permanently-delete": "PERMANENTLY_DELETE",
  purge: "PERMANENTLY_DELETE",
};

export const FOLDER_SPEC_HELP =
  "--folder FOLDER=ACTION:DAYS, repeatable. Folders: inbox, deleted-items, sent-items, drafts, junk-email.\n" +
  "Actions: delete (users can recover the messages), permanently-delete (they cannot), none. Days: 1-730,\n" +
  "counted from when a message was created, modified or moved.";

/** `inbox=delete:30`, `junk=permanently-delete:7`, `drafts=none`. */
export function parseFolderSpec(spec: string): FolderConfiguration {
  const m = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(spec.trim());
  if (m === null) throw new UsageError(`--folder "${spec}": expected FOLDER=ACTION:DAYS, e.g. inbox=delete:30`);
  const key = (s: string) => s.trim().toLowerCase().replace(/_/g, "-");
  const folder = FOLDER_ALIASES[key(m[1] as string)];
  if (folder === undefined)
    throw new UsageError(
      `--folder "${spec}": unknown folder "${m[1] ?? ""}"`,
      "folders: inbox, deleted-items, sent-items, drafts, junk-email",
    );
  const action = ACTION_ALIASES[key(m[2] as string)];
  if (action === undefined)
    throw new UsageError(
      `--folder "${spec}": unknown action "${m[2] ?? ""}"`,
      "actions: delete, permanently-delete, none",
    );
  if (m[3] === undefined || m[3] === "") {
    if (action !== "NONE")
      throw new UsageError(
        `--folder "${spec}": ${action.toLowerCase().replace("_", "-")} needs a number of days, e.g. ${m[1] ?? ""}=${m[2] ?? ""}:30`,
      );
    return { Name: folder, Action: action };
  }
  const days = Number(m[3]);
  if (!/^\d+$/.test(m[3]) || days < 1 || days > 730)
    throw new UsageError(`--folder "${spec}": days must be a whole number 1-730`);
  return { Name: folder, Action: action, Period: days };
}

export interface RetentionView {
  id: string | undefined;
  name: string | undefined;
  description: string | undefined;
  /** One line: `INBOX: DELETE after 30 days; JUNK_EMAIL: PERMANENTLY_DELETE after 7 days`. */
  summary: string;
  folders: Array<{ folder: string | undefined; action: string | undefined; days: number | undefined }>;
}

export const retentionOutput: OutputSpec = {
  fields: ["id", "name", "description", "summary", "folders"],
  columns: ["id", "name", "description", "summary"],
};

export function retentionView(p: GetDefaultRetentionPolicyResponse): RetentionView {
  const folders = (p.FolderConfigurations ?? []).map((f) => ({ folder: f.Name, action: f.Action, days: f.Period }));
  return {
    id: p.Id,
    name: p.Name,
    description: p.Description,
    summary:
      folders.length === 0
        ? "no folders"
        : folders
            .map(
              (f) =>
                `${f.folder ?? "?"}: ${f.action === "NONE" ? "keep" : `${f.action ?? "?"} after ${f.days ?? "?"} days`}`,
            )
            .join("; "),
    folders,
  };
}

/** The organization's retention policy, or undefined when it has none. */
export async function currentPolicy(
  api: WorkMailApi,
  orgId: string,
): Promise<GetDefaultRetentionPolicyResponse | undefined> {
  return unlessServiceError(api.getDefaultRetentionPolicy({ OrganizationId: orgId }), "EntityNotFoundException");
}
