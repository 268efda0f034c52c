import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, addressToEnable } from "../alias/addresses.js";
import { findLive } from "../lifecycle.js";
import { groupRecordOutput, groupView } from "./view.js";

export const groupCreateCommand = defineCommand({
  name: "create",
  summary: "Create a group, enable it with an email address, and add members",
  description:
    "Creates the group (CreateGroup), enables it (RegisterToWorkMail) with --email or, by default,\n" +
    "<name>@<the organization's default domain>, then adds each --member (users or groups).\n" +
    "Group names are 1-256 Latin-1 characters and unique among the organization's users, groups\n" +
    "and resources. Re-running the same command changes nothing that is already in place.",
  examples: [
    "wmctl group create sales --email sales@example.com --member alice --member bob",
    'wmctl group create "All Staff" --member sales,engineering',
    "wmctl group create auditors --no-enable --hidden",
  ],
  args: [{ name: "name", describe: "the group's name" }],
  options: {
    email: { kind: "string", placeholder: "address", describe: "Primary address, or its local part on the default domain (default: <name>@<default domain>)" },
    enable: {
      kind: "boolean",
      negatable: true,
      describe: "Enable the group for mail (the default)",
      negatedDescribe: "Only create the group; enable it later with `wmctl group enable`",
    },
    member: { kind: "list", placeholder: "user|group", describe: "Add this user or group as a member (repeatable, comma-separated)" },
    hidden: { kind: "boolean", describe: "Hide the group from the global address list" },
  },
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const enable = opts.enable !== false;
    if (!enable && opts.email !== undefined) throw new UsageError("--email enables the group, but --no-enable was given", "drop one of them");
    const api = await ctx.backend();
    const org = await ctx.org();
    const members: ResolvedEntity[] = [];
    for (const ref of opts.member) members.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
    const existing = await findLive(ctx, "GROUP", opts.name);
    const email = enable ? await addressToEnable(api, org, { name: opts.name, email: existing?.email }, opts.email) : undefined;
    if (opts.dryRun) {
      if (existing === undefined) ctx.out.plan({ action: "CreateGroup", target: opts.name, details: { hidden: opts.hidden || undefined } });
      if (email !== undefined && existing?.state !== "ENABLED") ctx.out.plan({ action: "RegisterToWorkMail", target: opts.name, details: { email } });
      for (const m of members) ctx.out.plan({ action: "AssociateMemberToGroup", target: opts.name, details: { member: m.name } });
      return;
    }

    let id: string;
    if (existing === undefined) {
      id = (await api.createGroup({ OrganizationId: org, Name: opts.name, ...(opts.hidden ? { HiddenFromGlobalAddressList: true } : {}) })).GroupId as string;
      ctx.out.status(`Created group ${opts.name} (${id})`);
    } else {
      id = existing.id;
      ctx.out.info(`Group ${existing.name} already exists (${id})`);
      if (opts.hidden) await api.updateGroup({ OrganizationId: org, GroupId: id, HiddenFromGlobalAddressList: true });
    }
    if (email !== undefined) {
      if (existing?.state === "ENABLED") {
        if (existing.email?.toLowerCase() !== email) {
          ctx.out.warn(`group ${existing.name} is already enabled as ${existing.email ?? "?"}; to change it: wmctl group update ${shellQuote(existing.name)} --email ${email}`);
        }
      } else {
        await withHints(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: email }), addressHints(email, { flag: "--email" }));
        ctx.out.status(`Enabled group ${opts.name} as ${email}`);
      }
    }
    for (const m of members) {
      await api.associateMemberToGroup({ OrganizationId: org, GroupId: id, MemberId: m.id });
      ctx.out.status(`Added ${m.type === "GROUP" ? "group" : "user"} ${m.name} to ${opts.name}`);
    }
    ctx.resolve.forget();
    ctx.out.record(groupView(await api.describeGroup({ OrganizationId: org, GroupId: id })));
  },
});
