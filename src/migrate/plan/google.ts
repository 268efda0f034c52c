import { randomBytes } from "node:crypto";
import type { UserData } from "../../inventory/document.js";
import type { Table } from "../../inventory/tables.js";
import { addressOf, type Plan } from "./plan-model.js";
import { gamLine } from "./quoting.js";

/** The Google Admin console's bulk user upload CSV header (Directory > Users > Bulk update users), exactly as its template has it. */
export const GOOGLE_USERS_HEADER = [
  "First Name [Required]",
  "Last Name [Required]",
  "Email Address [Required]",
  "Password [Required]",
  "Password Hash Function [UPLOAD ONLY]",
  "Org Unit Path [Required]",
  "New Primary Email [UPLOAD ONLY]",
  "Recovery Email",
  "Home Secondary Email",
  "Work Secondary Email",
  "Recovery Phone [MUST BE IN THE E.164 FORMAT]",
  "Work Phone",
  "Home Phone",
  "Mobile Phone",
  "Work Address",
  "Home Address",
  "Employee ID",
  "Employee Type",
  "Employee Title",
  "Manager Email",
  "Department",
  "Cost Center",
  "Building ID",
  "Floor Name",
  "Floor Section",
  "Change Password at Next Sign-In",
  "New Status [UPLOAD ONLY]",
  "New Licenses [UPLOAD ONLY]",
  "Advanced Protection Program enrollment",
] as const;

/** Google caps first and last names at 60 characters. */
const NAME_MAX = 60;

/** First and last name: WorkMail's, else split from the display name, else the user name. */
export function splitName(
  first: string | undefined,
  last: string | undefined,
  display: string | undefined,
  name: string,
): [string, string] {
  const f = first?.trim();
  const l = last?.trim();
  if (f && l) return [f, l];
  const words = (display ?? "").trim().split(/\s+/).filter(Boolean);
  const df = words.length > 1 ? words.slice(0, -1).join(" ") : undefined;
  const dl = words.length > 1 ? words[words.length - 1] : undefined;
  return [f || df || name, l || dl || name].map((s) => [...s].slice(0, NAME_MAX).join("")) as [string, string];
}

/** A random initial password (the user changes it at first sign-in). */
function initialPassword(): string {
  return `${randomBytes(12).toString("base64url")}#7a`;
}

/** users.csv for the Admin console's bulk upload; random initial passwords, changed at first sign-in. */
export function googleUsersTable(plan: Plan, password: () => string = initialPassword): Table {
  const rows = plan.users
    .filter((u) => u.targetPrimary !== undefined && u.movesMailbox)
    .map((u): Record<string, unknown> => {
      const d = u.data;
      const [first, last] = splitName(d.firstName, d.lastName, d.displayName, d.name);
      return {
        "First Name [Required]": first,
        "Last Name [Required]": last,
        "Email Address [Required]": u.targetPrimary,
        "Password [Required]": password(),
        "Org Unit Path [Required]": "/",
        "Work Phone": d.telephone,
        "Work Address":
          [d.street, d.city, d.zipCode, d.country].filter((x) => x !== undefined && x !== "").join(", ") || undefined,
        "Employee Title": d.jobTitle,
        Department: d.department,
        "Change Password at Next Sign-In": "True",
      };
    });
  return { columns: GOOGLE_USERS_HEADER, rows };
}

/** A Google calendar resource id from a WorkMail resource name: letters, digits, dashes and underscores. */
export function resourceId(name: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[^\x00-\x7F]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id === "" ? `resource-${Buffer.from(name).toString("hex").slice(0, 12)}` : id.slice(0, 64);
}

/**
 * The GAM7 batch file (`gam batch FILE`): one gam command per line, every argument quoted for
 * GAM's shlex splitting. GAM runs batch lines in parallel; `commit-batch` waits for the lines
 * before it, so groups exist before members are added, and users before aliases.
 */
export function gamBatch(plan: Plan, header: readonly string[]): string {
  const out: string[] = header.map((h) => `# ${h.replace(/[\r\n]+/g, " ")}`);
  const users = plan.users.filter((u) => u.targetPrimary !== undefined && u.movesMailbox);
  const groups = plan.groups.filter((g) => g.targetPrimary !== undefined);
  const resources = plan.resources.filter((r) => r.data.state === "ENABLED");
  const seenIds = new Map<string, number>();

  out.push("", `# 1. Groups (${groups.length})`);
  // WorkMail groups take mail from anyone, outside senders included.
  for (const g of groups)
    out.push(
      gamLine(["create", "group", g.targetPrimary as string, "name", g.name, "whocanpostmessage", "anyonecanpost"]),
    );
  out.push("commit-batch", "", "# 2. Members (nested groups are added by their address)");
  for (const g of groups) {
    for (const m of g.data.members) {
      const address = addressOf(plan, m);
      out.push(
        address === undefined
          ? `# member ${m.name.replace(/[\r\n]+/g, " ")} of ${g.name.replace(/[\r\n]+/g, " ")} does not land: see mapping.csv`
          : gamLine(["update", "group", g.targetPrimary as string, "add", "member", "user", address]),
      );
    }
  }
  out.push("", "# 3. Aliases");
  for (const u of users)
    for (const a of u.targetAliases) out.push(gamLine(["create", "alias", a, "user", u.targetPrimary as string]));
  for (const g of groups)
    for (const a of g.targetAliases) out.push(gamLine(["create", "alias", a, "group", g.targetPrimary as string]));
  out.push("", "# 4. Hidden from the directory, as in WorkMail");
  for (const u of users)
    if (u.data.hidden) out.push(gamLine(["update", "user", u.targetPrimary as string, "gal", "off"]));
  for (const g of groups)
    if (g.data.hidden) out.push(gamLine(["update", "group", g.targetPrimary as string, "gal", "false"]));
  out.push(
    "",
    `# 5. Calendar resources (${resources.length}) with auto-accept as in WorkMail; declining conflicts or recurring meetings and the delegates are set in Google Calendar (see runbook.md)`,
  );
  for (const r of resources) {
    let id = resourceId(r.name);
    const n = (seenIds.get(id) ?? 0) + 1;
    seenIds.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    const room = r.data.type !== "EQUIPMENT";
    out.push(
      gamLine([
        "create",
        "resource",
        id,
        r.name,
        "type",
        room ? "Room" : "Equipment",
        "category",
        room ? "room" : "other",
        "autoacceptinvitations",
        String(r.data.bookingOptions.autoAcceptRequests),
        ...(r.data.description ? ["description", r.data.description] : []),
      ]),
    );
  }
  out.push(
    "",
    `# 6. Mailbox permissions (${plan.permissions.length} grants): full access and send on behalf become Gmail delegation, send as a send-as address`,
  );
  for (const p of plan.permissions) {
    const mailbox = addressOf(plan, { name: p.mailbox, type: p.mailboxType });
    const grantee = p.granteeType === "USER" ? addressOf(plan, { name: p.grantee, type: "USER" }) : undefined;
    if (mailbox === undefined || grantee === undefined || p.mailboxType !== "USER") {
      out.push(
        `# ${p.permissions.join("+")} of ${p.grantee.replace(/[\r\n]+/g, " ")} on ${p.mailbox.replace(/[\r\n]+/g, " ")}: not possible in Gmail (${p.granteeType !== "USER" ? "a group cannot be a delegate" : p.mailboxType !== "USER" ? "not a user mailbox" : "it does not land"})`,
      );
      continue;
    }
    if (p.permissions.includes("FULL_ACCESS") || p.permissions.includes("SEND_ON_BEHALF"))
      out.push(gamLine(["user", mailbox, "add", "delegate", grantee]));
    const owner = plan.byName.get(`USER:${p.mailbox}`)?.data as UserData | undefined;
    if (p.permissions.includes("SEND_AS"))
      out.push(
        gamLine([
          "user",
          grantee,
          "add",
          "sendas",
          mailbox,
          "name",
          owner?.displayName ?? p.mailbox,
          "treatasalias",
          "true",
        ]),
      );
  }
  out.push("");
  return out.join("\n");
}
