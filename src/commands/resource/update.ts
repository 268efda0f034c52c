import type { ResourceType } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, domainOf, qualifyAddress } from "../alias/addresses.js";
import { delegateNamesOf } from "./delegates.js";
import {
  BOOKING_FLAGS,
  bookingFlagsGiven,
  mergeBooking,
  RESOURCE_TYPES,
  resourceRecordOutput,
  resourceView,
} from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const resourceUpdateCommand = defineCommand({
  name: "update",
  summary: "Change a resource's name, type, description, address, visibility or booking options",
  description:
    "Booking flags change only the options named; wmctl sends the full set (UpdateResource replaces\n" +
    "all three). Turning --no-auto-accept on needs a delegate first. An empty --description clears it.",
  examples: [
    "wmctl resource update room-101 --description 'now 16 seats'",
    "wmctl resource update van-1 --no-auto-accept",
    "wmctl resource update room-101 --name room-102 --email room-102@example.com",
  ],
  args: [{ name: "resource", describe: "name, email or id" }],
  options: {
    name: { kind: "string", placeholder: "new-name", describe: "Rename the resource" },
    type: { kind: "enum", choices: RESOURCE_TYPES, describe: "Change the type" },
    description: { kind: "string", placeholder: "text", describe: "New description ('' clears it)" },
    email: {
      kind: "string",
      placeholder: "address",
      describe:
        "New primary address, or its local part on the current domain (the resource must be enabled; the old one stays as an alias)",
    },
    hidden: {
      kind: "boolean",
      negatable: true,
      describe: "Hide the resource from the global address list",
      negatedDescribe: "Show the resource in the global address list",
    },
    ...BOOKING_FLAGS,
  },
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const changes =
      opts.name !== undefined ||
      opts.type !== undefined ||
      opts.description !== undefined ||
      opts.hidden !== undefined ||
      bookingFlagsGiven(opts);
    if (!changes && opts.email === undefined) {
      throw new UsageError(
        "nothing to update",
        "pass --name, --type, --description, --email, --hidden, or a booking flag (--auto-accept, --decline-recurring, --decline-conflicting)",
      );
    }
    const api = await ctx.backend();
    const org = await ctx.org();
    const r = await ctx.resolve.resource(opts.resource);
    const current = await api.describeResource({ OrganizationId: org, ResourceId: r.id });
    const email =
      opts.email === undefined
        ? undefined
        : qualifyAddress(opts.email, r.email === undefined ? undefined : domainOf(r.email));
    const update = {
      ...(opts.name !== undefined ? { Name: opts.name } : {}),
      ...(opts.type !== undefined ? { Type: opts.type.toUpperCase() as ResourceType } : {}),
      ...(opts.description !== undefined ? { Description: opts.description } : {}),
      ...(opts.hidden !== undefined ? { HiddenFromGlobalAddressList: opts.hidden } : {}),
      ...(bookingFlagsGiven(opts) ? { BookingOptions: mergeBooking(current.BookingOptions, opts) } : {}),
    };
    if (opts.dryRun) {
      if (changes) await validateRequest("UpdateResource", { OrganizationId: org, ResourceId: r.id, ...update });
      if (email !== undefined)
        await validateRequest("UpdatePrimaryEmailAddress", { OrganizationId: org, EntityId: r.id, Email: email });
      if (changes) {
        const { BookingOptions, ...rest } = update;
        ctx.out.plan({ action: "UpdateResource", target: r.name, details: { ...rest, ...BookingOptions } });
      }
      if (email !== undefined)
        ctx.out.plan({ action: "UpdatePrimaryEmailAddress", target: r.name, details: { email } });
      return;
    }
    const label = shellQuote(opts.name ?? r.name);
    if (changes) {
      await withHints(api.updateResource({ OrganizationId: org, ResourceId: r.id, ...update }), {
        InvalidConfigurationException: `add a delegate first: wmctl resource add-delegate ${label} USER_OR_GROUP`,
        NameAvailabilityException: `see who has the name: wmctl whois ${opts.name ?? ""}`.trimEnd(),
      });
      ctx.out.status(`Updated resource ${opts.name ?? r.name}`);
    }
    if (email !== undefined) {
      await withHints(api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: r.id, Email: email }), {
        EntityStateException: `enable the resource first: wmctl resource enable ${label} --email ${email}`,
        ...addressHints(email, { flag: "--email" }),
      });
      ctx.out.status(`Primary address of resource ${opts.name ?? r.name} is now ${email}`);
    }
    ctx.resolve.forget();
    ctx.out.record(
      resourceView(
        await api.describeResource({ OrganizationId: org, ResourceId: r.id }),
        await delegateNamesOf(api, org, r.id),
      ),
    );
  },
});
