import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { unlessServiceError } from "../../errors/with-hint.js";
import { applicationListOutput, rememberedApplications, type ApplicationView } from "./remembered.js";

export const identityCenterListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary:
    "List the WorkMail applications in IAM Identity Center that wmctl created, and the one the organization uses",
  description:
    "The WorkMail API cannot list Identity Center applications: wmctl remembers each one `identity-center\n" +
    "create` made (per backend, region and endpoint, in its data folder), and adds the application the\n" +
    "organization's sign-in uses (`wmctl idp show`), so the ARN `idp set` needs is never lost.",
  examples: ["wmctl identity-center list", "wmctl identity-center list --fields applicationArn"],
  output: applicationListOutput,
  async run(ctx) {
    for (const app of await knownApplications(ctx)) ctx.out.row(app);
  },
});

/** The remembered applications, and the organization's own (marked usedBy) even when wmctl did not create it. */
export async function knownApplications(ctx: CommandContext): Promise<ApplicationView[]> {
  const api = await ctx.backend();
  const org = await ctx.orgRef().then(
    () => ctx.knownOrg(),
    () => undefined,
  );
  const config =
    org === undefined
      ? undefined
      : await unlessServiceError(
          api.describeIdentityProviderConfiguration({ OrganizationId: org.id }),
          "ResourceNotFoundException",
        );
  const inUse = config?.IdentityCenterConfiguration?.ApplicationArn;
  const label = org?.alias ?? org?.id;
  const views: ApplicationView[] = rememberedApplications(ctx).map((a) => ({
    applicationArn: a.applicationArn,
    name: a.name,
    instanceArn: a.instanceArn,
    created: new Date(a.created),
    usedBy: a.applicationArn === inUse ? label : undefined,
  }));
  if (inUse !== undefined && !views.some((v) => v.applicationArn === inUse)) {
    views.push({
      applicationArn: inUse,
      name: undefined,
      instanceArn: config?.IdentityCenterConfiguration?.InstanceArn,
      created: undefined,
      usedBy: label,
    });
  }
  return views;
}
