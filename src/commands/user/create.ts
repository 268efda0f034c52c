import type { DescribeUserResponse } from "@aws-sdk/client-workmail";
import { collect, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { UsageError } from "../../errors/cli-error.js";
import { serviceErrorName, withHints } from "../../errors/with-hint.js";
import { addressHints, addressToEnable, aliasesOf, domainOf, qualifyAddress } from "../alias/addresses.js";
import { groupNamesOf } from "./describe.js";
import { hasPasswordSource, PASSWORD_FLAGS, PASSWORD_OPTIONS, passwordSource } from "./password-options.js";
import { userCreateOutput, userView } from "./view.js";

export const userCreateCommand = defineCommand({
  name: "create",
  aliases: ["add"],
  summary: "Create a user, enable it with an email address, add aliases and groups",
  description:
    "One command for what the console does in several steps: CreateUser, RegisterToWorkMail (enable,\n" +
    "with --email or <name>@<default domain>), CreateAlias for each --alias and AssociateMemberToGroup\n" +
    "for each --group. Safe to re-run: an existing user is reused and only what is missing is added;\n" +
    "its password, attributes and primary address are never changed (wmctl warns when they differ).\n" +
    "The password comes from a masked prompt (asked twice), --password-stdin, --password-file or\n" +
    "--generate-password; never from the command line. A REMOTE_USER needs none.",
  examples: [
    "wmctl user create bob --display-name 'Bob Smith' --generate-password",
    "printf '%s' \"$PW\" | wmctl user create bob --password-stdin --alias bobby --group sales",
    "wmctl user create carol --email carol@example.com --first-name Carol --last-name Jones --password-file pw.txt",
    "wmctl user create partner --role REMOTE_USER --email partner@example.com",
    "wmctl user create bob --generate-password --dry-run",
  ],
  args: [{ name: "name", describe: "user name (letters, digits, _ - .; at most 64)" }],
  options: {
    email: { kind: "string", placeholder: "address", describe: "Primary email address, or its local part (default: <name>@<default domain>)" },
    displayName: { kind: "string", placeholder: "text", describe: "Display name (default: first and last name, else the user name)" },
    firstName: { kind: "string", placeholder: "text", describe: "First name" },
    lastName: { kind: "string", placeholder: "text", describe: "Last name" },
    role: { kind: "enum", choices: ["USER", "REMOTE_USER"], describe: "USER has a mailbox; REMOTE_USER is listed in the address book without one (default: USER)" },
    hidden: { kind: "boolean", describe: "Hide the user from the global address list" },
    alias: { kind: "list", placeholder: "address", describe: "Also add this alias (repeatable; a local part gets the primary address's domain)" },
    group: { kind: "list", placeholder: "group", describe: "Add the user to this group, by name, email or id (repeatable)" },
    disabled: { kind: "boolean", describe: "Create the user but leave it disabled (no RegisterToWorkMail, no mailbox)" },
    ...PASSWORD_OPTIONS,
  },
  output: userCreateOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const source = passwordSource(opts);
    const role = opts.role ?? "USER";
    if (opts.disabled && opts.alias.length > 0) throw new UsageError("--alias needs an enabled user", "drop --disabled, or add aliases later with `wmctl alias add`");
    if (opts.disabled && opts.email !== undefined) throw new UsageError("--email is the address the user is enabled with; it cannot go with --disabled");

    const existing = await findUser(api, orgId, opts.name);
    if (existing === undefined && role === "USER" && !hasPasswordSource(source) && !ctx.prompter.canPrompt) {
      throw new UsageError(`a password is needed for the new user ${opts.name}, and there is no terminal to ask for it`, `pass ${PASSWORD_FLAGS} (a REMOTE_USER needs none)`);
    }
    // Groups are resolved before anything changes, so a typo changes nothing.
    const groups: ResolvedEntity[] = [];
    for (const g of opts.group) groups.push(await ctx.resolve.group(g));

    const enabledEmail = existing?.State === "ENABLED" ? existing.Email : undefined;
    const wantEmail = opts.disabled || enabledEmail !== undefined ? undefined : await addressToEnable(api, orgId, { name: opts.name, email: existing?.Email }, opts.email);
    const primary = enabledEmail ?? wantEmail;
    const aliases = opts.alias.map((a) => qualifyAddress(a, primary === undefined ? undefined : domainOf(primary)));
    const displayName = opts.displayName ?? ([opts.firstName, opts.lastName].filter(Boolean).join(" ") || opts.name);

    if (existing !== undefined) {
      ctx.out.info(`User ${opts.name} already exists (${existing.UserId ?? "?"}); ${opts.dryRun ? "it would be reused" : "reusing it"}`);
      reportDifferences(ctx, existing, { ...opts, role }, hasPasswordSource(source));
    }
    const haveAliases = existing?.UserId !== undefined && existing.State === "ENABLED" ? await aliasesOf(api, orgId, existing.UserId) : [];
    const newAliases = [...new Set(aliases)].filter((a) => !haveAliases.includes(a) && a !== primary);
    const haveGroups = existing?.UserId !== undefined && groups.length > 0 ? await groupIdsOf(api, orgId, existing.UserId) : new Set<string>();
    const newGroups = groups.filter((g) => !haveGroups.has(g.id));

    if (opts.dryRun) {
      if (existing === undefined) {
        ctx.out.plan({ action: "CreateUser", target: opts.name, details: { displayName, role, hidden: opts.hidden || undefined, firstName: opts.firstName, lastName: opts.lastName } });
      }
      if (wantEmail !== undefined) ctx.out.plan({ action: "RegisterToWorkMail", target: opts.name, details: { email: wantEmail } });
      for (const a of newAliases) ctx.out.plan({ action: "CreateAlias", target: opts.name, details: { alias: a } });
      for (const g of newGroups) ctx.out.plan({ action: "AssociateMemberToGroup", target: g.name, details: { member: opts.name } });
      return;
    }

    let userId = existing?.UserId;
    let generated: string | undefined;
    if (userId === undefined) {
      const pw = role === "USER" || hasPasswordSource(source) ? await ctx.password(source) : undefined;
      if (pw?.generated) generated = pw.password;
      const created = await api.createUser({
        OrganizationId: orgId,
        Name: opts.name,
        DisplayName: displayName,
        ...(pw === undefined ? {} : { Password: pw.password }),
        ...(opts.role === undefined ? {} : { Role: opts.role }),
        ...(opts.firstName === undefined ? {} : { FirstName: opts.firstName }),
        ...(opts.lastName === undefined ? {} : { LastName: opts.lastName }),
        ...(opts.hidden ? { HiddenFromGlobalAddressList: true } : {}),
      });
      userId = created.UserId as string;
      ctx.out.status(`Created user ${opts.name} (${userId})`);
    }
    const rerun = `the user exists now; fix the cause and re-run the same command`;
    if (wantEmail !== undefined) {
      await withHints(api.registerToWorkMail({ OrganizationId: orgId, EntityId: userId, Email: wantEmail }), addressHints(wantEmail, { flag: "--email", then: rerun }));
      ctx.out.status(`Enabled ${opts.name} as ${wantEmail}`);
    }
    for (const a of newAliases) {
      await withHints(api.createAlias({ OrganizationId: orgId, EntityId: userId, Alias: a }), addressHints(a, { then: rerun }));
      ctx.out.status(`Added alias ${a}`);
    }
    for (const g of newGroups) {
      await api.associateMemberToGroup({ OrganizationId: orgId, GroupId: g.id, MemberId: userId });
      ctx.out.status(`Added ${opts.name} to group ${g.name}`);
    }

    const final = await api.describeUser({ OrganizationId: orgId, UserId: userId });
    const finalAliases = final.State === "ENABLED" ? await aliasesOf(api, orgId, userId) : [];
    const view = userView(final, { aliases: finalAliases, groups: groups.length > 0 ? await groupNamesOf(api, orgId, userId) : undefined });
    if (generated !== undefined) {
      ctx.out.info("The generated password is shown once, in the result: store it now.");
      view.password = generated;
    }
    ctx.out.record(view);
  },
});

/** The user with this name, if one exists (a deleted one does not count). */
async function findUser(api: WorkMailApi, orgId: string, name: string): Promise<DescribeUserResponse | undefined> {
  try {
    const u = await api.describeUser({ OrganizationId: orgId, UserId: name });
    // A name that looks like an address may find whoever owns that address: only the same name counts.
    if (u.State === "DELETED" || u.Name?.toLowerCase() !== name.toLowerCase()) return undefined;
    return u;
  } catch (e) {
    // A name DescribeUser cannot take as an identifier names no user: CreateUser then says what is wrong with it.
    const error = serviceErrorName(e);
    if (error === "EntityNotFoundException" || error === "ValidationException") return undefined;
    throw e;
  }
}

async function groupIdsOf(api: WorkMailApi, orgId: string, userId: string): Promise<Set<string>> {
  const groups = await collect(paginate((t) => api.listGroupsForEntity({ OrganizationId: orgId, EntityId: userId, NextToken: t }), "Groups"));
  return new Set(groups.map((g) => g.GroupId).filter((id): id is string => id !== undefined));
}

/** On a re-run, what the command line asks for but the existing user has otherwise: warn, never change. */
function reportDifferences(
  ctx: CommandContext,
  u: DescribeUserResponse,
  o: {
    displayName?: string | undefined;
    firstName?: string | undefined;
    lastName?: string | undefined;
    role: string;
    hidden: boolean;
    disabled: boolean;
    email?: string | undefined;
  },
  passwordGiven: boolean,
): void {
  const name = u.Name ?? "";
  const diffs: string[] = [];
  if (o.displayName !== undefined && o.displayName !== u.DisplayName) diffs.push(`display name is "${u.DisplayName ?? ""}"`);
  if (o.firstName !== undefined && o.firstName !== (u.FirstName ?? "")) diffs.push(`first name is "${u.FirstName ?? ""}"`);
  if (o.lastName !== undefined && o.lastName !== (u.LastName ?? "")) diffs.push(`last name is "${u.LastName ?? ""}"`);
  if (o.role !== (u.UserRole ?? "USER")) diffs.push(`role is ${u.UserRole ?? "USER"}`);
  if (o.hidden && u.HiddenFromGlobalAddressList !== true) diffs.push("it is shown in the global address list");
  if (diffs.length > 0) ctx.out.warn(`user ${name} exists and its ${diffs.join(", ")}: not changed (use \`wmctl user update ${name}\`)`);
  if (o.email !== undefined && u.State === "ENABLED" && u.Email !== undefined && !sameAddress(o.email, u.Email)) {
    ctx.out.warn(`user ${name} is already enabled as ${u.Email}: not changed (use \`wmctl user update ${name} --email ${o.email}\`)`);
  }
  if (o.disabled && u.State === "ENABLED") ctx.out.warn(`user ${name} is enabled: left enabled (use \`wmctl user disable ${name}\`)`);
  if (passwordGiven) ctx.out.warn(`user ${name} exists: its password was not changed (use \`wmctl user reset-password ${name}\`)`);
}

function sameAddress(typed: string, actual: string): boolean {
  return typed.includes("@") ? typed.toLowerCase() === actual.toLowerCase() : actual.toLowerCase().startsWith(`${typed.toLowerCase()}@`);
}
