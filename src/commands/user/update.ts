import type { UpdateUserRequest } from "@aws-sdk/client-workmail";
import { USER_ATTRIBUTE_MEMBERS } from "../../backend/user-attributes.js";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { addressHints, domainOf, qualifyAddress } from "../alias/addresses.js";
import { describedUserView } from "./describe.js";
import { userRecordOutput } from "./view.js";

const ATTRIBUTES = { displayName: "DisplayName", ...USER_ATTRIBUTE_MEMBERS } as const;

const text = (describe: string) => ({ kind: "string", placeholder: "text", describe }) as const;

export const userUpdateCommand = defineCommand({
  name: "update",
  aliases: ["set"],
  summary: "Change a user's details, role, address book visibility or primary email address",
  description:
    "Only the attributes given change (UpdateUser). An empty value clears an attribute (--office '').\n" +
    "--email makes another address primary (UpdatePrimaryEmailAddress): the old primary address stays as\n" +
    "an alias; a local part gets the current domain.",
  examples: [
    "wmctl user update bob --job-title 'Sales lead' --department Sales",
    "wmctl user update bob --email robert@example.com",
    "wmctl user update bob --hidden",
    "wmctl user update bob --role REMOTE_USER --dry-run",
  ],
  args: [{ name: "user", describe: "name, email address or id" }],
  options: {
    displayName: text("Display name"),
    firstName: text("First name"),
    lastName: text("Last name"),
    initials: text("Initials"),
    telephone: text("Telephone"),
    street: text("Street"),
    jobTitle: text("Job title"),
    city: text("City"),
    company: text("Company"),
    zipCode: text("Zip code"),
    department: text("Department"),
    country: text("Country"),
    office: text("Office"),
    role: { kind: "enum", choices: ["USER", "REMOTE_USER"], describe: "Role (a REMOTE_USER has no mailbox)" },
    hidden: { kind: "boolean", describe: "Hide the user from the global address list" },
    visible: { kind: "boolean", describe: "Show the user in the global address list" },
    email: { kind: "string", placeholder: "address", describe: "Make this the primary email address (the old one stays as an alias)" },
  },
  output: userRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.hidden && opts.visible) throw new UsageError("--hidden and --visible contradict each other");
    const changes: Partial<UpdateUserRequest> = {};
    for (const [key, member] of Object.entries(ATTRIBUTES) as Array<[keyof typeof ATTRIBUTES, (typeof ATTRIBUTES)[keyof typeof ATTRIBUTES]]>) {
      const v = opts[key];
      if (v !== undefined) changes[member] = v;
    }
    if (opts.role !== undefined) changes.Role = opts.role;
    if (opts.hidden || opts.visible) changes.HiddenFromGlobalAddressList = opts.hidden;
    if (Object.keys(changes).length === 0 && opts.email === undefined) {
      throw new UsageError("nothing to update", "give at least one attribute, e.g. --display-name, --job-title, --hidden or --email");
    }
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    const email = opts.email === undefined ? undefined : qualifyAddress(opts.email, user.email === undefined ? undefined : domainOf(user.email));
    if (opts.dryRun) {
      if (Object.keys(changes).length > 0) ctx.out.plan({ action: "UpdateUser", target: user.name, details: lowerKeys(changes) });
      if (email !== undefined && email !== user.email) ctx.out.plan({ action: "UpdatePrimaryEmailAddress", target: user.name, details: { email } });
      return;
    }
    if (Object.keys(changes).length > 0) {
      await withHints(api.updateUser({ OrganizationId: orgId, UserId: user.id, ...changes }), {
        EntityStateException: `user ${user.name} is ${user.state ?? "in another state"}; see \`wmctl user describe ${user.name}\``,
      });
      ctx.out.status(`Updated ${Object.keys(changes).length} attribute${Object.keys(changes).length > 1 ? "s" : ""} of ${user.name}`);
    }
    if (email !== undefined && email !== user.email) {
      await withHints(api.updatePrimaryEmailAddress({ OrganizationId: orgId, EntityId: user.id, Email: email }), {
        ...addressHints(email, { flag: "--email" }),
        EntityStateException: `only an enabled user's address can change: wmctl user enable ${user.name} --email ${email}`,
      });
      ctx.out.status(`Primary address of ${user.name} is now ${email}${user.email ? ` (${user.email} stays as an alias)` : ""}`);
    }
    ctx.resolve.forget();
    ctx.out.record(await describedUserView(api, orgId, user.id));
  },
});

function lowerKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}
