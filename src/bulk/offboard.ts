import { collect, paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { exportStartCommand } from "../commands/export/start.js";
import { groupRemoveMemberCommand } from "../commands/group/remove-member.js";
import { mailboxPermissionsGrantCommand } from "../commands/mailbox/permissions/grant.js";
import { mailboxPermissionsRevokeCommand } from "../commands/mailbox/permissions/revoke.js";
import { listPermissions } from "../commands/mailbox/permissions/shared.js";
import { userDisableCommand } from "../commands/user/disable.js";
import type { CommandContext } from "../context/context.js";
import { ConflictError } from "../errors/cli-error.js";
import { ExportLedger } from "../export-jobs/ledger.js";

export interface OffboardRequest {
  readonly user: string;
  /** Who gets the leaver's permissions on other mailboxes (shared mailboxes, rooms). */
  readonly manager: string | undefined;
  /** Export the mailbox first (waits for the job to complete). */
  readonly exportMailbox: boolean;
  readonly dryRun: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Offboards one user, in the order that keeps the data: export the mailbox (and wait for it), hand
 * the user's permissions on other mailboxes to the manager (grant to the manager, then revoke from
 * the user), leave every group, disable. Each step is the single command's own (export start --wait,
 * mailbox permissions grant/revoke, group remove-member, user disable), so a re-run finishes what a
 * cut-short run started and repeats nothing done: an export from the last 24 hours recorded in the
 * export ledger is not started again.
 */
export async function offboardUser(ctx: CommandContext, req: OffboardRequest): Promise<void> {
  const api = await ctx.backend();
  const org = await ctx.org();
  const user = await ctx.resolve.user(req.user);
  if (user.state === "DELETED") throw new ConflictError(`user ${user.name} is deleted`);
  const manager = req.manager === undefined ? undefined : await ctx.resolve.entity(req.manager, ["USER", "GROUP"]);
  if (manager?.id === user.id)
    throw new ConflictError(`user ${user.name} cannot hand its permissions to itself`, "give another manager");

  if (req.exportMailbox && user.state === "ENABLED") {
    const recent = ExportLedger.open(ctx.settings.dataDir, org).latestFor(user.id);
    const fresh =
      recent !== undefined && recent.state === "COMPLETED" && Date.parse(recent.startTime ?? "") > Date.now() - DAY_MS;
    if (fresh)
      ctx.out.info(
        `The mailbox of ${user.name} was exported at ${recent.startTime ?? "?"} (job ${recent.jobId}); not again`,
      );
    else
      await exportStartCommand.run(ctx, {
        mailbox: user.id,
        wait: true,
        timeout: 60 * 60 * 1000,
        description: `offboard ${user.name}`,
        dryRun: req.dryRun,
      });
  }

  if (manager !== undefined) {
    for (const grant of await permissionsHeldBy(api, org, user.id)) {
      if (grant.mailboxId === manager.id) continue;
      await mailboxPermissionsGrantCommand.run(ctx, {
        mailbox: grant.mailboxId,
        grantee: manager.id,
        permission: grant.permissions,
        replace: false,
        dryRun: req.dryRun,
      });
      await mailboxPermissionsRevokeCommand.run(ctx, {
        mailbox: grant.mailboxId,
        grantee: user.id,
        permission: [],
        dryRun: req.dryRun,
      });
    }
  }

  const groups = await collect(
    paginate((t) => api.listGroupsForEntity({ OrganizationId: org, EntityId: user.id, NextToken: t }), "Groups"),
  );
  for (const g of groups) {
    if (g.GroupId !== undefined)
      await groupRemoveMemberCommand.run(ctx, { group: g.GroupId, members: [user.id], dryRun: req.dryRun });
  }
  await userDisableCommand.run(ctx, { user: user.id, dryRun: req.dryRun });
}

/** Every mailbox (users, resources, groups) where `granteeId` holds permissions, scanned once per run. */
const scans = new WeakMap<WorkMailApi, Promise<Map<string, Array<{ mailboxId: string; permissions: string[] }>>>>();

async function permissionsHeldBy(
  api: WorkMailApi,
  org: string,
  granteeId: string,
): Promise<Array<{ mailboxId: string; permissions: string[] }>> {
  let scan = scans.get(api);
  if (scan === undefined) {
    scan = (async () => {
      const byGrantee = new Map<string, Array<{ mailboxId: string; permissions: string[] }>>();
      const ids: string[] = [];
      for await (const u of paginate((t) => api.listUsers({ OrganizationId: org, NextToken: t }), "Users"))
        if (u.Id !== undefined && u.State === "ENABLED") ids.push(u.Id);
      for await (const r of paginate((t) => api.listResources({ OrganizationId: org, NextToken: t }), "Resources"))
        if (r.Id !== undefined && r.State === "ENABLED") ids.push(r.Id);
      for (const id of ids) {
        for (const p of await listPermissions(api, org, id)) {
          if (p.GranteeId === undefined) continue;
          const held = byGrantee.get(p.GranteeId) ?? [];
          held.push({ mailboxId: id, permissions: p.PermissionValues ?? [] });
          byGrantee.set(p.GranteeId, held);
        }
      }
      return byGrantee;
    })();
    scans.set(api, scan);
  }
  return (await scan).get(granteeId) ?? [];
}
