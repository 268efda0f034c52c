import type { PermissionType } from "@aws-sdk/client-workmail";
import { collect, paginate } from "../backend/paginate.js";
import type { RestoreStep } from "../inventory/area.js";
import type { MailboxData, MailboxPermissionData } from "../inventory/document.js";
import { attempt, failed, isNew, type RestoreSession } from "./session.js";
import { fanOut } from "../inventory/fan-out.js";

/** A new mailbox's quota: the service's 50 GB (guide: quotas). */
const DEFAULT_MAILBOX_QUOTA_MB = 51_200;

/** Mailbox quotas: UpdateMailboxQuota where the target's differs (sizes are not restored: mail moves by export). */
export function restoreMailboxes(s: RestoreSession, mailboxes: readonly MailboxData[]): Promise<RestoreStep[]> {
  return fanOut(
    mailboxes.filter((m) => m.quotaMb !== undefined),
    (m) =>
      attempt("mailboxes", "UpdateMailboxQuota", m.user, async () => {
        const want = m.quotaMb as number;
        const u = s.target.byName(m.user);
        if (u === undefined || u.type !== "USER")
          return { result: "failed", message: `the user ${m.user} is not in the target` };
        const now =
          isNew(s, u.id) && s.dryRun
            ? DEFAULT_MAILBOX_QUOTA_MB
            : (await s.api.getMailboxDetails({ OrganizationId: s.orgId, UserId: u.id })).MailboxQuota;
        if (now === want) return { result: "skipped", message: `quota ${want} MB` };
        await s.api.updateMailboxQuota({ OrganizationId: s.orgId, UserId: u.id, MailboxQuota: want });
        return { result: "updated", message: `quota ${want} MB` };
      }),
  );
}

/** Mailbox permissions: PutMailboxPermissions for each grant whose set of permissions the target lacks. */
export async function restoreMailboxPermissions(
  s: RestoreSession,
  grants: readonly MailboxPermissionData[],
): Promise<RestoreStep[]> {
  const byMailbox = new Map<string, MailboxPermissionData[]>();
  for (const g of grants)
    byMailbox.set(g.mailbox.toLowerCase(), [...(byMailbox.get(g.mailbox.toLowerCase()) ?? []), g]);
  const perMailbox = await fanOut([...byMailbox.values()], async (list): Promise<RestoreStep[]> => {
    const first = list[0] as MailboxPermissionData;
    const owner = s.target.byName(first.mailbox);
    const label = (g: MailboxPermissionData) => `${g.mailbox} -> ${g.grantee}`;
    if (owner === undefined)
      return list.map((g) =>
        failed("mailbox-permissions", "PutMailboxPermissions", label(g), `${g.mailbox} is not in the target`),
      );
    let current: Map<string, string>;
    try {
      current = new Map();
      if (!isNew(s, owner.id)) {
        const perms = await collect(
          paginate(
            (t) => s.api.listMailboxPermissions({ OrganizationId: s.orgId, EntityId: owner.id, NextToken: t }),
            "Permissions",
          ),
        );
        for (const p of perms)
          if (p.GranteeId !== undefined) current.set(p.GranteeId, [...(p.PermissionValues ?? [])].sort().join(","));
      }
    } catch (e) {
      return [await attempt("mailbox-permissions", "ListMailboxPermissions", first.mailbox, () => Promise.reject(e))];
    }
    return Promise.all(
      list.map((g) =>
        attempt("mailbox-permissions", "PutMailboxPermissions", label(g), async () => {
          const grantee = s.target.byName(g.grantee);
          if (grantee === undefined) return { result: "failed", message: `${g.grantee} is not in the target` };
          const want = [...g.permissions].sort();
          const had = current.get(grantee.id);
          if (had === want.join(",")) return { result: "skipped", message: want.join(", ") };
          await s.api.putMailboxPermissions({
            OrganizationId: s.orgId,
            EntityId: owner.id,
            GranteeId: grantee.id,
            PermissionValues: want as PermissionType[],
          });
          return { result: had === undefined ? "created" : "updated", message: want.join(", ") };
        }),
      ),
    );
  });
  return perMailbox.flat();
}
