import type { Permission } from "@aws-sdk/client-workmail";
import { collect, paginate } from "../../backend/paginate.js";
import type { MailboxData, MailboxPermissionData } from "../document.js";
import type { DirectoryEntry } from "../entity-directory.js";
import { unlessGone } from "../service-errors.js";
import type { CollectContext } from "./collect-context.js";
import { fanOut } from "../fan-out.js";

/** Users whose mailbox lives in WorkMail: enabled, role USER (a REMOTE_USER has none). */
function hasMailbox(e: DirectoryEntry): boolean {
  return e.type === "USER" && e.state === "ENABLED" && (e.role ?? "USER") === "USER";
}

function byMailbox(a: { mailbox: string; grantee: string }, b: { mailbox: string; grantee: string }): number {
  const x = `${a.mailbox.toLowerCase()}\0${a.grantee.toLowerCase()}`;
  const y = `${b.mailbox.toLowerCase()}\0${b.grantee.toLowerCase()}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** GetMailboxDetails for every enabled user with a mailbox: quota and size in MB. */
export async function collectMailboxes(ctx: CollectContext): Promise<MailboxData[]> {
  const { api, orgId } = ctx;
  const rows = await fanOut(
    ctx.directory.all("USER").filter(hasMailbox),
    async (e): Promise<MailboxData | undefined> => {
      const d = await unlessGone(api.getMailboxDetails({ OrganizationId: orgId, UserId: e.id }));
      if (d === undefined) return undefined;
      return { user: e.name, email: e.email, quotaMb: d.MailboxQuota, sizeMb: d.MailboxSize };
    },
  );
  return rows
    .filter((r): r is MailboxData => r !== undefined)
    .sort((a, b) => (a.user.toLowerCase() < b.user.toLowerCase() ? -1 : 1));
}

/**
 * ListMailboxPermissions on every enabled user with a mailbox, resource and group (groups carry
 * send permissions on their address). Grantees by name.
 */
export async function collectMailboxPermissions(ctx: CollectContext): Promise<MailboxPermissionData[]> {
  const { api, orgId } = ctx;
  const owners = ctx.directory.all().filter((e) => e.state === "ENABLED" && (e.type !== "USER" || hasMailbox(e)));
  let groupsRefused = false;
  const lists = await fanOut(owners, async (e): Promise<MailboxPermissionData[]> => {
    let perms: Permission[] | undefined;
    try {
      perms = await unlessGone(
        collect(
          paginate(
            (t) => api.listMailboxPermissions({ OrganizationId: orgId, EntityId: e.id, NextToken: t }),
            "Permissions",
          ),
        ),
      );
    } catch (err) {
      // A backend that keeps no permissions on groups refuses them as a parameter error.
      if (e.type === "GROUP" && (err as { name?: string }).name === "InvalidParameterException") {
        groupsRefused = true;
        return [];
      }
      throw err;
    }
    const out: MailboxPermissionData[] = [];
    for (const p of perms ?? []) {
      const grantee = p.GranteeId === undefined ? undefined : ctx.directory.nameOf(p.GranteeId);
      if (grantee === undefined) {
        ctx.warn(`mailbox ${e.name}: grantee ${p.GranteeId ?? "?"} is not a known user or group; left out`);
        continue;
      }
      out.push({
        mailbox: e.name,
        mailboxType: e.type,
        grantee,
        granteeType: p.GranteeType ?? "USER",
        permissions: [...(p.PermissionValues ?? [])].sort(),
      });
    }
    return out;
  });
  if (groupsRefused)
    ctx.warn(
      "the backend keeps no mailbox permissions on groups (InvalidParameterException); none were listed for groups",
    );
  return lists.flat().sort(byMailbox);
}
