import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
import { addressHints, addressToEnable, domainOf, qualifyAddress } from "../alias/addresses.js";
import { describedUserView } from "./describe.js";
import { userRecordOutput } from "./view.js";

export const userEnableCommand = defineCommand({
  name: "enable",
  summary: "Enable a user for WorkMail with a primary email address (RegisterToWorkMail)",
  description:
    "An enabled USER gets a mailbox (a REMOTE_USER is listed in the address book without one).\n" +
    "Without --email the user gets back the address it had, else <name>@<default domain>.",
  examples: [
    "wmctl user enable bob",
    "wmctl user enable bob --email bob@example.com",
    "wmctl user enable bob --dry-run",
  ],
  args: [{ name: "user", describe: "name, email address or id" }],
  options: {
    email: {
      kind: "string",
      placeholder: "address",
      describe: "Primary email address, or its local part on the default domain",
    },
  },
  output: userRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    if (user.state === "ENABLED") {
      if (
        opts.email !== undefined &&
        user.email !== undefined &&
        qualifyAddress(opts.email, domainOf(user.email)) !== user.email.toLowerCase()
      ) {
        ctx.out.warn(
          `user ${user.name} is already enabled as ${user.email}; to change it: wmctl user update ${user.name} --email ${opts.email}`,
        );
      } else ctx.out.info(`User ${user.name} is already enabled as ${user.email ?? "?"}`);
      if (!opts.dryRun) ctx.out.record(await describedUserView(api, orgId, user.id));
      return;
    }
    const email = await addressToEnable(api, orgId, user, opts.email);
    if (opts.dryRun) {
      ctx.out.plan({ action: "RegisterToWorkMail", target: user.name, details: { email } });
      return;
    }
    await withHints(api.registerToWorkMail({ OrganizationId: orgId, EntityId: user.id, Email: email }), {
      ...addressHints(email, { flag: "--email" }),
      EntityStateException: `user ${user.name} is ${user.state ?? "not disabled"}`,
    });
    ctx.out.status(`Enabled ${user.name} as ${email}`);
    ctx.out.record(await describedUserView(api, orgId, user.id));
  },
});
