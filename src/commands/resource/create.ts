import type { ResourceType } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { createResourceComposite } from "./create-resource.js";
import { delegateNamesOf } from "./delegates.js";
import { BOOKING_FLAGS, RESOURCE_TYPES, resourceRecordOutput, resourceView } from "./view.js";

export const resourceCreateCommand = defineCommand({
  name: "create",
  summary: "Create a room or equipment resource, enable it, and set its booking options and delegates",
  description:
    "Creates the resource (CreateResource), enables it (RegisterToWorkMail) with --email or, by\n" +
    "default, <name>@<the organization's default domain>, adds each --delegate, then applies the\n" +
    "booking flags. A new resource accepts requests automatically and declines conflicting ones;\n" +
    "--no-auto-accept needs at least one delegate to answer requests. Names are at most 20\n" +
    "letters, digits, '-', '_' or '.'. Re-running the same command converges on what it asks for.",
  examples: [
    "wmctl resource create room-101 --type room --description '12 seats, projector'",
    "wmctl resource create van-1 --type equipment --no-auto-accept --delegate facilities",
    "wmctl resource create board-room --type room --decline-recurring --email board@example.com",
  ],
  args: [{ name: "name", describe: "the resource's name" }],
  options: {
    type: { kind: "enum", choices: RESOURCE_TYPES, required: true, describe: "What is booked" },
    email: {
      kind: "string",
      placeholder: "address",
      describe: "Primary address, or its local part on the default domain (default: <name>@<default domain>)",
    },
    description: { kind: "string", placeholder: "text", describe: "What the resource is (at most 64 characters)" },
    enable: {
      kind: "boolean",
      negatable: true,
      describe: "Enable the resource for booking (the default)",
      negatedDescribe: "Only create the resource; enable it later with `wmctl resource enable`",
    },
    hidden: { kind: "boolean", describe: "Hide the resource from the global address list" },
    delegate: {
      kind: "list",
      placeholder: "user|group",
      describe: "A user or group who answers booking requests (repeatable)",
    },
    ...BOOKING_FLAGS,
    keepPartial: { kind: "boolean", describe: "If a step fails half-way, keep what was made instead of undoing it" },
  },
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const result = await createResourceComposite(ctx, {
      name: opts.name,
      type: opts.type.toUpperCase() as ResourceType,
      email: opts.email,
      description: opts.description,
      enable: opts.enable !== false,
      hidden: opts.hidden,
      delegates: opts.delegate,
      autoAccept: opts.autoAccept,
      declineRecurring: opts.declineRecurring,
      declineConflicting: opts.declineConflicting,
      keepPartial: opts.keepPartial,
      dryRun: opts.dryRun,
    });
    if (opts.dryRun) {
      for (const step of result.steps) ctx.out.plan(step);
      return;
    }
    const api = await ctx.backend();
    const org = await ctx.org();
    const id = result.id as string;
    ctx.out.record(
      resourceView(
        await api.describeResource({ OrganizationId: org, ResourceId: id }),
        await delegateNamesOf(api, org, id),
      ),
    );
  },
});
