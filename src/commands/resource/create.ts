import type { ResourceType } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, addressToEnable } from "../alias/addresses.js";
import { findLive } from "../lifecycle.js";
import { delegateNamesOf } from "./delegates.js";
import { BOOKING_FLAGS, bookingFlagsGiven, mergeBooking, RESOURCE_TYPES, resourceRecordOutput, resourceView } from "./view.js";

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
    email: { kind: "string", placeholder: "address", describe: "Primary address, or its local part on the default domain (default: <name>@<default domain>)" },
    description: { kind: "string", placeholder: "text", describe: "What the resource is (at most 64 characters)" },
    enable: {
      kind: "boolean",
      negatable: true,
      describe: "Enable the resource for booking (the default)",
      negatedDescribe: "Only create the resource; enable it later with `wmctl resource enable`",
    },
    hidden: { kind: "boolean", describe: "Hide the resource from the global address list" },
    delegate: { kind: "list", placeholder: "user|group", describe: "A user or group who answers booking requests (repeatable)" },
    ...BOOKING_FLAGS,
  },
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const enable = opts.enable !== false;
    if (!enable && opts.email !== undefined) throw new UsageError("--email enables the resource, but --no-enable was given", "drop one of them");
    const type = opts.type.toUpperCase() as ResourceType;
    const api = await ctx.backend();
    const org = await ctx.org();
    const delegates: ResolvedEntity[] = [];
    for (const ref of opts.delegate) delegates.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
    const existing = await findLive(ctx, "RESOURCE", opts.name);
    if (opts.autoAccept === false && delegates.length === 0 && existing === undefined) {
      throw new UsageError("--no-auto-accept needs a delegate to answer booking requests", "add --delegate USER_OR_GROUP");
    }
    const email = enable ? await addressToEnable(api, org, { name: opts.name, email: existing?.email }, opts.email) : undefined;
    const booking = bookingFlagsGiven(opts) ? mergeBooking(undefined, opts) : undefined;

    if (opts.dryRun) {
      if (existing === undefined) ctx.out.plan({ action: "CreateResource", target: opts.name, details: { type, description: opts.description, hidden: opts.hidden || undefined } });
      if (email !== undefined && existing?.state !== "ENABLED") ctx.out.plan({ action: "RegisterToWorkMail", target: opts.name, details: { email } });
      for (const d of delegates) ctx.out.plan({ action: "AssociateDelegateToResource", target: opts.name, details: { delegate: d.name } });
      if (booking !== undefined) ctx.out.plan({ action: "UpdateResource", target: opts.name, details: { ...booking } });
      return;
    }

    let id: string;
    if (existing === undefined) {
      id = (
        await api.createResource({
          OrganizationId: org,
          Name: opts.name,
          Type: type,
          ...(opts.description ? { Description: opts.description } : {}),
          ...(opts.hidden ? { HiddenFromGlobalAddressList: true } : {}),
        })
      ).ResourceId as string;
      ctx.out.status(`Created ${type.toLowerCase()} ${opts.name} (${id})`);
    } else {
      id = existing.id;
      ctx.out.info(`Resource ${existing.name} already exists (${id})`);
    }
    if (email !== undefined) {
      if (existing?.state === "ENABLED") {
        if (existing.email?.toLowerCase() !== email) {
          ctx.out.warn(`resource ${existing.name} is already enabled as ${existing.email ?? "?"}; to change it: wmctl resource update ${shellQuote(existing.name)} --email ${email}`);
        }
      } else {
        await withHints(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: email }), {
          ...addressHints(email, { flag: "--email" }),
          UnsupportedOperationException: "resources cannot be enabled while the organization is in interoperability mode",
        });
        ctx.out.status(`Enabled ${opts.name} as ${email}`);
      }
    }
    for (const d of delegates) {
      await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: d.id });
      ctx.out.status(`Added ${d.type === "GROUP" ? "group" : "user"} ${d.name} as a delegate of ${opts.name}`);
    }
    const current = await api.describeResource({ OrganizationId: org, ResourceId: id });
    const wanted = {
      ...(existing !== undefined && current.Type !== type ? { Type: type } : {}),
      ...(existing !== undefined && opts.description !== undefined && current.Description !== opts.description ? { Description: opts.description } : {}),
      ...(existing !== undefined && opts.hidden && !current.HiddenFromGlobalAddressList ? { HiddenFromGlobalAddressList: true } : {}),
      ...(booking !== undefined ? { BookingOptions: mergeBooking(current.BookingOptions, opts) } : {}),
    };
    if (Object.keys(wanted).length > 0) {
      await withHints(api.updateResource({ OrganizationId: org, ResourceId: id, ...wanted }), {
        InvalidConfigurationException: `add a delegate first: wmctl resource add-delegate ${shellQuote(opts.name)} USER_OR_GROUP`,
      });
      if (booking !== undefined) ctx.out.status(`Booking options of ${opts.name} set`);
    }
    ctx.resolve.forget();
    ctx.out.record(resourceView(await api.describeResource({ OrganizationId: org, ResourceId: id }), await delegateNamesOf(api, org, id)));
  },
});
