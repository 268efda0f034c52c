import { defineCommand } from "../../cli/define-command.js";
import { entityLabel } from "../../context/entity-labels.js";
import { requireToken } from "./view.js";

export const tokenDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm", "revoke"],
  summary: "Revoke a personal access token (clients using it stop working)",
  examples: ["wmctl token delete 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --yes"],
  args: [{ name: "id", describe: "token id" }],
  output: { fields: ["id", "user", "name", "deleted"], columns: ["id", "user", "name", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const meta = await requireToken(api, org, opts.id);
    const user = meta.UserId === undefined ? "?" : await entityLabel(ctx.resolve, meta.UserId);
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeletePersonalAccessToken", target: opts.id, details: { user, name: meta.Name } });
      return;
    }
    await ctx.confirm(
      `Revoke ${user}'s personal access token "${meta.Name ?? opts.id}"? Mail clients using it stop working.`,
    );
    await api.deletePersonalAccessToken({ OrganizationId: org, PersonalAccessTokenId: opts.id });
    ctx.out.status(`Revoked ${user}'s token ${meta.Name ?? opts.id}`);
    ctx.out.record({ id: opts.id, user, name: meta.Name, deleted: true });
  },
});
