import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { aliasesOf } from "../alias/addresses.js";
import { parseQuotaMb } from "../mailbox/view.js";
import { attributesGiven, USER_ATTRIBUTE_OPTIONS } from "./attribute-options.js";
import { createUserComposite } from "./create-user.js";
import { groupNamesOf } from "./describe.js";
import { hasPasswordSource, PASSWORD_OPTIONS, passwordSource } from "./password-options.js";
import { userCreateOutput, userView } from "./view.js";

export const userCreateCommand = defineCommand({
  name: "create",
  aliases: ["add"],
  summary: "Create a user, enable it with an email address, add aliases and groups",
  description:
    "One command for what the console does in several steps: CreateUser, RegisterToWorkMail (enable,\n" +
    "with --email or <name>@<default domain>), CreateAlias for each --alias and AssociateMemberToGroup\n" +
    "for each --group, then the other attributes (UpdateUser) and --quota. Everything checkable is checked\n" +
    "before the first change (groups exist, each address is on a verified domain and free, the password\n" +
    "meets the policy); if a later step fails, what the run made is undone unless --keep-partial.\n" +
    "Safe to re-run, also in parallel: an existing user is reused and only what is missing is added;\n" +
    "its password, attributes and primary address are never changed (wmctl warns when they differ).\n" +
    "The password comes from a masked prompt (asked twice), --password-stdin, --password-file or\n" +
    "--generate-password; never from the command line. A REMOTE_USER needs none.",
  examples: [
    "wmctl user create bob --display-name 'Bob Smith' --generate-password",
    "printf '%s' \"$PW\" | wmctl user create bob --password-stdin --alias bobby --group sales",
    "wmctl user create carol --email carol@example.com --first-name Carol --last-name Jones --password-file pw.txt",
    "wmctl user create dave --job-title Engineer --department R&D --quota 10GB --generate-password",
    "wmctl user create partner --role REMOTE_USER --email partner@example.com",
    "wmctl user create bob --generate-password --dry-run",
  ],
  args: [{ name: "name", describe: "user name (letters, digits, _ - .; at most 64)" }],
  options: {
    email: {
      kind: "string",
      placeholder: "address",
      describe: "Primary email address, or its local part (default: <name>@<default domain>)",
    },
    displayName: {
      kind: "string",
      placeholder: "text",
      describe: "Display name (default: first and last name, else the user name)",
    },
    ...USER_ATTRIBUTE_OPTIONS,
    role: {
      kind: "enum",
      choices: ["USER", "REMOTE_USER"],
      describe: "USER has a mailbox; REMOTE_USER is listed in the address book without one (default: USER)",
    },
    hidden: { kind: "boolean", describe: "Hide the user from the global address list" },
    alias: {
      kind: "list",
      placeholder: "address",
      describe: "Also add this alias (repeatable; a local part gets the primary address's domain)",
    },
    group: {
      kind: "list",
      placeholder: "group",
      describe: "Add the user to this group, by name, email or id (repeatable)",
    },
    disabled: {
      kind: "boolean",
      describe: "Create the user but leave it disabled (no RegisterToWorkMail, no mailbox)",
    },
    quota: {
      kind: "string",
      placeholder: "size",
      describe: "Mailbox quota: 500, 500MB, 2GB (1 MB to 50 GB; default: the organization's)",
    },
    keepPartial: { kind: "boolean", describe: "If a step fails half-way, keep what was made instead of undoing it" },
    ...PASSWORD_OPTIONS,
  },
  output: userCreateOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const source = passwordSource(opts);
    const quotaMb = opts.quota === undefined ? undefined : parseQuotaMb(opts.quota);
    if (opts.quota !== undefined && (quotaMb === undefined || quotaMb < 1))
      throw new UsageError(
        `invalid quota "${opts.quota}"`,
        "give a whole number of MB (1 to 51200), or GB: 500, 500MB, 2GB",
      );
    const given = hasPasswordSource(source);
    const result = await createUserComposite(ctx, {
      name: opts.name,
      email: opts.email,
      displayName: opts.displayName,
      role: opts.role,
      hidden: opts.hidden,
      aliases: opts.alias,
      groups: opts.group,
      disabled: opts.disabled,
      attributes: attributesGiven(opts),
      quotaMb,
      passwordGiven: given,
      passwordAvailable: given || ctx.prompter.canPrompt,
      password: () => ctx.password(source),
      keepPartial: opts.keepPartial,
      dryRun: opts.dryRun,
    });
    if (opts.dryRun) {
      for (const step of result.steps) ctx.out.plan(step);
      return;
    }
    const userId = result.userId as string;
    const final = await api.describeUser({ OrganizationId: orgId, UserId: userId });
    const finalAliases = final.State === "ENABLED" ? await aliasesOf(api, orgId, userId) : [];
    const view = userView(final, {
      aliases: finalAliases,
      groups: opts.group.length > 0 ? await groupNamesOf(api, orgId, userId) : undefined,
    });
    if (result.generatedPassword !== undefined) {
      ctx.out.info("The generated password is shown once, in the result: store it now.");
      view.password = result.generatedPassword;
    }
    ctx.out.record(view);
  },
});
