import { paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import type { EntityResolver } from "../context/entity-resolver.js";
import { UsageError } from "../errors/cli-error.js";
import { readUserFile } from "../io/user-file.js";
import type { MailboxTarget } from "./export-all.js";
import { globRegExp } from "./glob.js";

export interface MailboxFilter {
  type: "user" | "resource" | "all";
  state: "enabled" | "disabled" | "all";
  name: RegExp | undefined;
  email: RegExp | undefined;
}

const KEYS = ["type", "state", "name", "email"] as const;

/** `--filter type=user --filter name=a*,state=all` -> a filter (globs: * and ?, case-insensitive). */
export function parseFilter(items: readonly string[]): MailboxFilter {
  const f: MailboxFilter = { type: "all", state: "enabled", name: undefined, email: undefined };
  for (const item of items) {
    const m = /^([a-z]+)\s*=\s*(.*)$/i.exec(item.trim());
    const key = m?.[1]?.toLowerCase();
    const value = (m?.[2] ?? "").trim();
    if (m === null || !KEYS.includes(key as (typeof KEYS)[number]) || value === "") {
      throw new UsageError(
        `invalid --filter "${item}"`,
        "use type=user|resource|all, state=enabled|disabled|all, name=GLOB, email=GLOB",
      );
    }
    if (key === "type" || key === "state") {
      const v = value.toLowerCase();
      const allowed = key === "type" ? ["user", "resource", "all"] : ["enabled", "disabled", "all"];
      if (!allowed.includes(v))
        throw new UsageError(`invalid --filter ${key}=${value}`, `use ${key}=${allowed.join("|")}`);
      if (key === "type") f.type = v as MailboxFilter["type"];
      else f.state = v as MailboxFilter["state"];
    } else {
      const re = globRegExp(value);
      if (key === "name") f.name = re;
      else f.email = re;
    }
  }
  return f;
}

function matches(f: MailboxFilter, name: string, email: string | undefined, state: string | undefined): boolean {
  if (f.state !== "all" && state?.toLowerCase() !== f.state) return false;
  if (f.name !== undefined && !f.name.test(name)) return false;
  if (f.email !== undefined && !(email !== undefined && f.email.test(email))) return false;
  return true;
}

/**
 * Every mailbox of the organization the filter selects: users in the USER role (remote users have
 * no mailbox in WorkMail) and resources. `warn` hears about what could not be listed.
 */
export async function listMailboxes(
  api: WorkMailApi,
  org: string,
  f: MailboxFilter,
  warn: (m: string) => void,
): Promise<MailboxTarget[]> {
  const out: MailboxTarget[] = [];
  if (f.type !== "resource") {
    for await (const u of paginate((t) => api.listUsers({ OrganizationId: org, NextToken: t }), "Users")) {
      if (u.Id === undefined || u.State === "DELETED" || (u.UserRole !== undefined && u.UserRole !== "USER")) continue;
      if (matches(f, u.Name ?? "", u.Email, u.State))
        out.push({ id: u.Id, name: u.Name ?? u.Id, email: u.Email, type: "USER" });
    }
  }
  if (f.type !== "user") {
    try {
      for await (const r of paginate((t) => api.listResources({ OrganizationId: org, NextToken: t }), "Resources")) {
        if (r.Id === undefined || r.State === "DELETED") continue;
        if (matches(f, r.Name ?? "", r.Email, r.State))
          out.push({ id: r.Id, name: r.Name ?? r.Id, email: r.Email, type: "RESOURCE" });
      }
    } catch (e) {
      if ((e as Error).name !== "UnsupportedOperationException") throw e;
      warn(`resources are not exported: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * `--users FILE`: one name, email or id per line (# comments), or a CSV with a header naming an
 * email, name, user, mailbox or id column. Unknown names are returned apart, not fatal.
 */
/** A list of mailboxes, not a mail archive: 64 MiB holds a million addresses. */
const USERS_FILE_MAX_BYTES = 64 * 1024 * 1024;

export async function mailboxesFromFile(
  file: string,
  resolver: EntityResolver,
): Promise<{ targets: MailboxTarget[]; unknown: string[] }> {
  const text = (await readUserFile(file, "--users", USERS_FILE_MAX_BYTES)).toString("utf8");
  let refs: string[];
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  if (first.includes(",")) {
    const { parse } = await import("csv-parse/sync");
    const rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    }) as Array<Record<string, string>>;
    const column = ["email", "name", "user", "mailbox", "id"].find(
      (c) => rows.length === 0 || c in (rows[0] as object),
    );
    if (column === undefined)
      throw new UsageError(`${file}: no email, name, user, mailbox or id column in the header "${first}"`);
    refs = rows.map((r) => r[column] ?? "").filter((s) => s !== "");
  } else {
    refs = text
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*/, "").trim())
      .filter((l) => l !== "");
  }
  const targets: MailboxTarget[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    try {
      const e = await resolver.entity(ref, ["USER", "RESOURCE"]);
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      targets.push({ id: e.id, name: e.name, email: e.email, type: e.type as "USER" | "RESOURCE" });
    } catch {
      unknown.push(ref);
    }
  }
  return { targets, unknown };
}
