import type { ResourceType } from "@aws-sdk/client-workmail";
import type { CommandContext } from "../../context/context.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import type { PlannedChange } from "../../output/output.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, addressToEnable, checkAddressUsable } from "../alias/addresses.js";
import type { CreateResult } from "../group/create-group.js";
import { checkNameFree, createOrReuse, findLive } from "../lifecycle.js";
import { Undo } from "../undo.js";
import { bookingFlagsGiven, mergeBooking, type BookingFlags } from "./view.js";

export interface ResourceCreateRequest extends BookingFlags {
  readonly name: string;
  readonly type: ResourceType;
  readonly email?: string | undefined;
  readonly description?: string | undefined;
  readonly enable: boolean;
  readonly hidden: boolean;
  readonly delegates: readonly string[];
  readonly keepPartial: boolean;
  readonly dryRun: boolean;
}

/**
 * The composite create of a room or equipment: CreateResource, RegisterToWorkMail, delegates, booking
 * options; converges an existing resource (also one created meanwhile) on what is asked. Delegates and
 * the address are checked before the first change; a later failure undoes this run's steps unless
 * keepPartial. The one engine of `resource create` and `bulk create-resource`.
 */
export async function createResourceComposite(ctx: CommandContext, req: ResourceCreateRequest): Promise<CreateResult> {
  if (!req.enable && req.email !== undefined)
    throw new UsageError("--email enables the resource, but --no-enable was given", "drop one of them");
  const api = await ctx.backend();
  const org = await ctx.org();
  const delegates: ResolvedEntity[] = [];
  for (const ref of req.delegates) delegates.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
  let existing = await findLive(ctx, "RESOURCE", req.name);
  if (existing === undefined) await checkNameFree(ctx, req.name, "RESOURCE");
  if (req.autoAccept === false && delegates.length === 0 && existing === undefined) {
    throw new UsageError(
      "--no-auto-accept needs a delegate to answer booking requests",
      "add --delegate USER_OR_GROUP",
    );
  }
  const email = req.enable
    ? await addressToEnable(api, org, { name: req.name, email: existing?.email }, req.email)
    : undefined;
  if (email !== undefined && existing?.state !== "ENABLED")
    await checkAddressUsable(api, org, email, { id: existing?.id, name: req.name, type: "RESOURCE" }, "--email");
  const booking = bookingFlagsGiven(req) ? mergeBooking(undefined, req) : undefined;

  const steps: PlannedChange[] = [];
  if (existing === undefined)
    steps.push({
      action: "CreateResource",
      target: req.name,
      details: { type: req.type, description: req.description, hidden: req.hidden || undefined },
    });
  if (email !== undefined && existing?.state !== "ENABLED")
    steps.push({ action: "RegisterToWorkMail", target: req.name, details: { email } });
  for (const d of delegates)
    steps.push({ action: "AssociateDelegateToResource", target: req.name, details: { delegate: d.name } });
  if (booking !== undefined) steps.push({ action: "UpdateResource", target: req.name, details: { ...booking } });
  if (req.dryRun)
    return {
      outcome: existing === undefined ? "created" : steps.length > 0 ? "updated" : "unchanged",
      id: existing?.id,
      steps,
    };

  const undo = new Undo(ctx, `resource ${req.name}`);
  let created = false;
  try {
    let id: string;
    if (existing === undefined) {
      const create = async () =>
        (
          await api.createResource({
            OrganizationId: org,
            Name: req.name,
            Type: req.type,
            ...(req.description ? { Description: req.description } : {}),
            ...(req.hidden ? { HiddenFromGlobalAddressList: true } : {}),
          })
        ).ResourceId as string;
      const made = await createOrReuse(ctx, "RESOURCE", req.name, create);
      id = made.id;
      if (made.reused === undefined) {
        created = true;
        undo.push(`delete resource ${req.name}`, () => api.deleteResource({ OrganizationId: org, ResourceId: id }));
        ctx.out.status(`Created ${req.type.toLowerCase()} ${req.name} (${id})`);
      } else existing = made.reused;
    } else {
      id = existing.id;
      ctx.out.info(`Resource ${existing.name} already exists (${id})`);
    }
    if (email !== undefined && existing?.state === "ENABLED") {
      if (existing.email?.toLowerCase() !== email) {
        ctx.out.warn(
          `resource ${existing.name} is already enabled as ${existing.email ?? "?"}; to change it: wmctl resource update ${shellQuote(existing.name)} --email ${email}`,
        );
      }
    } else if (email !== undefined) {
      await withHints(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: email }), {
        ...addressHints(email, { flag: "--email" }),
        UnsupportedOperationException: "resources cannot be enabled while the organization is in interoperability mode",
      });
      undo.push(`disable resource ${req.name}`, () =>
        api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id }),
      );
      ctx.out.status(`Enabled ${req.name} as ${email}`);
    }
    for (const d of delegates) {
      await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: d.id });
      ctx.out.status(`Added ${d.type === "GROUP" ? "group" : "user"} ${d.name} as a delegate of ${req.name}`);
    }
    const current = await api.describeResource({ OrganizationId: org, ResourceId: id });
    const wanted = {
      ...(existing !== undefined && current.Type !== req.type ? { Type: req.type } : {}),
      ...(existing !== undefined && req.description !== undefined && current.Description !== req.description
        ? { Description: req.description }
        : {}),
      ...(existing !== undefined && req.hidden && !current.HiddenFromGlobalAddressList
        ? { HiddenFromGlobalAddressList: true }
        : {}),
      ...(booking !== undefined ? { BookingOptions: mergeBooking(current.BookingOptions, req) } : {}),
    };
    if (Object.keys(wanted).length > 0) {
      await withHints(api.updateResource({ OrganizationId: org, ResourceId: id, ...wanted }), {
        InvalidConfigurationException: `add a delegate first: wmctl resource add-delegate ${shellQuote(req.name)} USER_OR_GROUP`,
      });
      if (booking !== undefined) ctx.out.status(`Booking options of ${req.name} set`);
    }
    ctx.resolve.forget();
    return { outcome: created ? "created" : steps.length > 0 ? "updated" : "unchanged", id, steps };
  } catch (e) {
    await undo.unlessKept(e, req.keepPartial);
    throw e;
  }
}
