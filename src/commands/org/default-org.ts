import type { CommandContext } from "../../context/context.js";

/**
 * After creating an organization: when the profile has no default organization (and --org named
 * none), the new one becomes it, so the next plain command acts on it.
 */
export async function adoptAsDefaultOrg(ctx: CommandContext, id: string, alias: string): Promise<void> {
  if (ctx.settings.profile.organizationId !== undefined || ctx.settings.org !== undefined) return;
  await ctx.config.setProfile(ctx.settings.profileName, { organizationId: id });
  ctx.out.status(`Default organization of profile ${ctx.settings.profileName} is now ${alias}`);
}
