import type { CommandContext } from "../../context/context.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import type { PlannedChange } from "../../output/output.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, addressToEnable, checkAddressUsable } from "../alias/addresses.js";
import { checkNameFree, createOrReuse, findLive } from "../lifecycle.js";
import { Undo } from "../undo.js";

export interface GroupCreateRequest {
  readonly name: string;
  readonly email?: string | undefined;
  /** Enable for mail (RegisterToWorkMail); the default. */
  readonly enable: boolean;
  readonly members: readonly string[];
  readonly hidden: boolean;
  readonly keepPartial: boolean;
  readonly dryRun: boolean;
}

export interface CreateResult {
  readonly outcome: "created" | "updated" | "unchanged";
  readonly id: string | undefined;
  readonly steps: readonly PlannedChange[];
}

/**
 * The composite create of a group: CreateGroup, RegisterToWorkMail, AssociateMemberToGroup for each
 * member. Members and the address are checked before the first change; an existing group (also one
 * created meanwhile by someone else) is reused; a later failure undoes this run's steps unless
 * keepPartial. The one engine of `group create` and `bulk create-group`.
 */
export async function createGroupComposite(ctx: CommandContext, req: GroupCreateRequest): Promise<CreateResult> {
  if (!req.enable && req.email !== undefined)
    throw new UsageError("--email enables the group, but --no-enable was given", "drop one of them");
  const api = await ctx.backend();
  const org = await ctx.org();
  const members: ResolvedEntity[] = [];
  for (const ref of req.members) members.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
  let existing = await findLive(ctx, "GROUP", req.name);
  if (existing === undefined) await checkNameFree(ctx, req.name, "GROUP");
  const email = req.enable
    ? await addressToEnable(api, org, { name: req.name, email: existing?.email }, req.email)
    : undefined;
  const register = email !== undefined && existing?.state !== "ENABLED" ? email : undefined;
  if (register !== undefined)
    await checkAddressUsable(api, org, register, { id: existing?.id, name: req.name, type: "GROUP" }, "--email");

  const steps: PlannedChange[] = [];
  if (existing === undefined)
    steps.push({ action: "CreateGroup", target: req.name, details: { hidden: req.hidden || undefined } });
  if (register !== undefined)
    steps.push({ action: "RegisterToWorkMail", target: req.name, details: { email: register } });
  for (const m of members)
    steps.push({ action: "AssociateMemberToGroup", target: req.name, details: { member: m.name } });
  if (req.dryRun)
    return {
      outcome: existing === undefined ? "created" : steps.length > 0 ? "updated" : "unchanged",
      id: existing?.id,
      steps,
    };

  const undo = new Undo(ctx, `group ${req.name}`);
  let created = false;
  try {
    let id: string;
    if (existing === undefined) {
      const made = await createOrReuse(
        ctx,
        "GROUP",
        req.name,
        async () =>
          (
            await api.createGroup({
              OrganizationId: org,
              Name: req.name,
              ...(req.hidden ? { HiddenFromGlobalAddressList: true } : {}),
            })
          ).GroupId as string,
      );
      id = made.id;
      if (made.reused === undefined) {
        created = true;
        undo.push(`delete group ${req.name}`, () => api.deleteGroup({ OrganizationId: org, GroupId: id }));
        ctx.out.status(`Created group ${req.name} (${id})`);
      } else existing = made.reused;
    } else {
      id = existing.id;
      ctx.out.info(`Group ${existing.name} already exists (${id})`);
      if (req.hidden) await api.updateGroup({ OrganizationId: org, GroupId: id, HiddenFromGlobalAddressList: true });
    }
    if (email !== undefined && existing?.state === "ENABLED") {
      if (existing.email?.toLowerCase() !== email) {
        ctx.out.warn(
          `group ${existing.name} is already enabled as ${existing.email ?? "?"}; to change it: wmctl group update ${shellQuote(existing.name)} --email ${email}`,
        );
      }
    } else if (email !== undefined) {
      await withHints(
        api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: email }),
        addressHints(email, { flag: "--email" }),
      );
      undo.push(`disable group ${req.name}`, () => api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id }));
      ctx.out.status(`Enabled group ${req.name} as ${email}`);
    }
    for (const m of members) {
      await api.associateMemberToGroup({ OrganizationId: org, GroupId: id, MemberId: m.id });
      ctx.out.status(`Added ${m.type === "GROUP" ? "group" : "user"} ${m.name} to ${req.name}`);
    }
    ctx.resolve.forget();
    return { outcome: created ? "created" : steps.length > 0 ? "updated" : "unchanged", id, steps };
  } catch (e) {
    await undo.unlessKept(e, req.keepPartial);
    throw e;
  }
}
