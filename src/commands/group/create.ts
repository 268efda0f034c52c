import { defineCommand } from "../../cli/define-command.js";
import { createGroupComposite } from "./create-group.js";
import { groupRecordOutput, groupView } from "./view.js";

export const groupCreateCommand = defineCommand({
  name: "create",
  summary: "Create a group, enable it with an email address, and add members",
  description:
    "Creates the group (CreateGroup), enables it (RegisterToWorkMail) with --email or, by default,\n" +
    "<name>@<the organization's default domain>, then adds each --member (users or groups).\n" +
    "Group names are 1-256 Latin-1 characters and unique among the organization's users, groups\n" +
    "and resources. Members and the address are checked before anything changes; if a later step fails,\n" +
    "what the run made is undone unless --keep-partial. Re-running the same command changes nothing\n" +
    "that is already in place.",
  examples: [
    "wmctl group create sales --email sales@example.com --member alice --member bob",
    'wmctl group create "All Staff" --member sales,engineering',
    "wmctl group create auditors --no-enable --hidden",
  ],
  args: [{ name: "name", describe: "the group's name" }],
  options: {
    email: {
      kind: "string",
      placeholder: "address",
      describe: "Primary address, or its local part on the default domain (default: <name>@<default domain>)",
    },
    enable: {
      kind: "boolean",
      negatable: true,
      describe: "Enable the group for mail (the default)",
      negatedDescribe: "Only create the group; enable it later with `wmctl group enable`",
    },
    member: {
      kind: "list",
      placeholder: "user|group",
      describe: "Add this user or group as a member (repeatable, comma-separated)",
    },
    hidden: { kind: "boolean", describe: "Hide the group from the global address list" },
    keepPartial: { kind: "boolean", describe: "If a step fails half-way, keep what was made instead of undoing it" },
  },
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const result = await createGroupComposite(ctx, {
      name: opts.name,
      email: opts.email,
      enable: opts.enable !== false,
      members: opts.member,
      hidden: opts.hidden,
      keepPartial: opts.keepPartial,
      dryRun: opts.dryRun,
    });
    if (opts.dryRun) {
      for (const step of result.steps) ctx.out.plan(step);
      return;
    }
    const api = await ctx.backend();
    ctx.out.record(
      groupView(await api.describeGroup({ OrganizationId: await ctx.org(), GroupId: result.id as string })),
    );
  },
});
