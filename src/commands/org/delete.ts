import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { ConflictError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { orgRecordOutput } from "./view.js";

const FORCE_HINT = (label: string) =>
  `disable its users first (wmctl --org ${label} user disable NAME), or delete it with them: wmctl org delete ${label} --force`;

export const orgDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete an organization and all its mailboxes (cannot be undone)",
  examples: [
    "wmctl org delete acme",
    "wmctl org delete acme --yes --force",
    "wmctl org delete acme --keep-directory --dry-run",
  ],
  args: [{ name: "org", describe: "alias or id" }],
  options: {
    force: { kind: "boolean", describe: "Delete even if the organization has enabled users (ForceDelete)" },
    keepDirectory: { kind: "boolean", describe: "Keep the organization's directory (DeleteDirectory=false)" },
  },
  output: orgRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.resolveOrg(opts.org);
    const label = org.alias ?? org.id;
    if (opts.dryRun) {
      // What the service would refuse, refused now with the code the real run exits with (6).
      const api = await ctx.backend();
      const d = await api.describeOrganization({ OrganizationId: org.id });
      if (d.State === "Creating")
        throw new ConflictError(
          `organization ${label} is still being created`,
          "wait until `wmctl org describe` says Active",
        );
      if (!opts.force) {
        const enabled = await api.listUsers({ OrganizationId: org.id, Filters: { State: "ENABLED" }, MaxResults: 1 });
        if ((enabled.Users ?? []).length > 0)
          throw new ConflictError(`organization ${label} has enabled users`, FORCE_HINT(label));
      }
      ctx.out.plan({
        action: "DeleteOrganization",
        target: label,
        details: { deleteDirectory: !opts.keepDirectory, forceDelete: opts.force },
      });
      return;
    }
    await ctx.confirm(`Delete organization ${label} (${org.id}) and all its mailbox data for good (cannot be undone)?`);
    const api = await ctx.backend();
    const res = await withHints(
      api.deleteOrganization({
        OrganizationId: org.id,
        ClientToken: randomUUID(),
        DeleteDirectory: !opts.keepDirectory,
        ...(opts.force ? { ForceDelete: true } : {}),
      }),
      opts.force ? {} : { OrganizationStateException: FORCE_HINT(label) },
    );
    if (ctx.settings.profile.organizationId === org.id) {
      await ctx.config.setProfile(ctx.settings.profileName, { organizationId: undefined });
      ctx.out.info(`Profile ${ctx.settings.profileName} has no default organization any more`);
    }
    ctx.out.status(`Organization ${label} is ${res.State ?? "being deleted"}`);
    ctx.out.record({ id: res.OrganizationId, alias: org.alias, state: res.State });
  },
});
