import { defineCommand } from "../../cli/define-command.js";
import { resolveRole } from "./resolve.js";

export const roleAssumeCommand = defineCommand({
  name: "assume",
  summary: "Get an impersonation token for EWS (valid 15 minutes; printed once)",
  description:
    "Pass the token to EWS within 15 minutes as `Authorization: Bearer <token>`. It is printed to stdout\n" +
    "once and never logged; with --fields token only the token is printed.",
  examples: [
    "TOKEN=$(wmctl impersonation-role assume archiver --fields token)",
    "wmctl impersonation-role assume archiver -o json",
  ],
  args: [{ name: "role", describe: "role name or id" }],
  output: { fields: ["token", "expiresIn", "expiresAt", "role"], columns: ["token", "expiresIn", "expiresAt"] },
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const role = await resolveRole(api, org, opts.role);
    const res = await api.assumeImpersonationRole({ OrganizationId: org, ImpersonationRoleId: role.id });
    const expiresIn = res.ExpiresIn ?? 0;
    // The simulator counts validity on its own clock (`wmctl local advance` moves it).
    const sim = (await ctx.findSimulator()).control;
    const now = sim === undefined ? new Date() : await sim.now();
    ctx.out.status(`Token for ${role.name}: use it within ${Math.round(expiresIn / 60)} minutes; it is shown only now`);
    ctx.out.record({
      token: res.Token,
      expiresIn,
      expiresAt: new Date(now.getTime() + expiresIn * 1000),
      role: role.name,
    });
  },
});
