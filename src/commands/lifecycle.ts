import type { CommandContext } from "../context/context.js";
import type { ResolvedEntity } from "../context/entity-resolver.js";
import { ConflictError, NotFoundError } from "../errors/cli-error.js";
import { ServiceError } from "../errors/service-error.js";
import { serviceErrorName, withHints } from "../errors/with-hint.js";
import { shellQuote } from "../output/shell-quote.js";
import { addressHints, addressToEnable } from "./alias/addresses.js";

/**
 * Enable, disable and delete for groups and resources (RegisterToWorkMail,
 * DeregisterFromWorkMail, Delete*): the same steps, the same messages, for both nouns.
 */
export type LifecycleKind = "GROUP" | "RESOURCE";

const NOUN: Record<LifecycleKind, string> = { GROUP: "group", RESOURCE: "resource" };

function lookup(ctx: CommandContext, kind: LifecycleKind, ref: string): Promise<ResolvedEntity> {
  return kind === "GROUP" ? ctx.resolve.group(ref) : ctx.resolve.resource(ref);
}

/** The live group or resource `name` refers to, if any (what `create` checks before it creates). */
export async function findLive(
  ctx: CommandContext,
  kind: LifecycleKind,
  name: string,
): Promise<ResolvedEntity | undefined> {
  try {
    const e = await lookup(ctx, kind, name);
    return e.state === "DELETED" ? undefined : e;
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/**
 * Before a create changes anything: the name is not taken by a user, group or resource of another
 * kind (names are unique across the three); the service's NameAvailabilityException otherwise.
 */
export async function checkNameFree(ctx: CommandContext, name: string, kind: LifecycleKind): Promise<void> {
  const others = (["USER", "GROUP", "RESOURCE"] as const).filter((k) => k !== kind);
  let taken: ResolvedEntity | undefined;
  try {
    taken = await ctx.resolve.entity(name, others);
  } catch (e) {
    if (e instanceof NotFoundError) return;
    throw e;
  }
  if (taken.state === "DELETED" || taken.name.toLowerCase() !== name.toLowerCase()) return;
  throw new ServiceError(
    "NameAvailabilityException",
    `The name ${name} is already used by a ${taken.type.toLowerCase()} in this organization.`,
  );
}

/**
 * Creates a group or resource (`create` returns its id); when the name was taken meanwhile by one of
 * the same kind (a parallel run: NameAvailabilityException), that one is reused.
 */
export async function createOrReuse(
  ctx: CommandContext,
  kind: LifecycleKind,
  name: string,
  create: () => Promise<string>,
): Promise<{ id: string; reused: ResolvedEntity | undefined }> {
  try {
    return { id: await create(), reused: undefined };
  } catch (e) {
    ctx.resolve.forget();
    const now = serviceErrorName(e) === "NameAvailabilityException" ? await findLive(ctx, kind, name) : undefined;
    if (now === undefined) throw e;
    ctx.out.info(`${capitalize(NOUN[kind])} ${name} was created meanwhile (${now.id}); reusing it`);
    return { id: now.id, reused: now };
  }
}

/** Enables an entity with `email` (see addressToEnable: default its last address, else <name>@<default domain>). */
export async function enableEntity(
  ctx: CommandContext,
  kind: LifecycleKind,
  ref: string,
  email: string | undefined,
  dryRun: boolean,
): Promise<ResolvedEntity> {
  const noun = NOUN[kind];
  const api = await ctx.backend();
  const org = await ctx.org();
  const e = await lookup(ctx, kind, ref);
  if (e.state === "DELETED")
    throw new ConflictError(
      `${noun} ${e.name} is deleted and cannot be enabled`,
      `create it again: wmctl ${noun} create ${shellQuote(e.name)}`,
    );
  const address = await addressToEnable(api, org, e, email);
  if (e.state === "ENABLED" && address === e.email?.toLowerCase()) {
    ctx.out.info(`${capitalize(noun)} ${e.name} is already enabled as ${e.email ?? "?"}`);
    return e;
  }
  if (dryRun) {
    ctx.out.plan({ action: "RegisterToWorkMail", target: e.name, details: { email: address } });
    return e;
  }
  await withHints(api.registerToWorkMail({ OrganizationId: org, EntityId: e.id, Email: address }), {
    EntityAlreadyRegisteredException: `change its primary address instead: wmctl ${noun} update ${shellQuote(e.name)} --email ${address}`,
    ...addressHints(address, { flag: "--email" }),
    UnsupportedOperationException: "resources cannot be enabled while the organization is in interoperability mode",
  });
  ctx.out.status(`Enabled ${noun} ${e.name} as ${address}`);
  return e;
}

export async function disableEntity(
  ctx: CommandContext,
  kind: LifecycleKind,
  ref: string,
  dryRun: boolean,
): Promise<ResolvedEntity> {
  const noun = NOUN[kind];
  const api = await ctx.backend();
  const org = await ctx.org();
  const e = await lookup(ctx, kind, ref);
  if (e.state === "DELETED") throw new ConflictError(`${noun} ${e.name} is deleted`);
  if (e.state === "DISABLED") {
    ctx.out.info(`${capitalize(noun)} ${e.name} is already disabled`);
    return e;
  }
  if (dryRun) {
    ctx.out.plan({ action: "DeregisterFromWorkMail", target: e.name });
    return e;
  }
  await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: e.id });
  ctx.out.status(`Disabled ${noun} ${e.name}${kind === "RESOURCE" ? " (it can be enabled again within 30 days)" : ""}`);
  return e;
}

/** Deletes for good, after confirmation; an enabled entity is disabled first. */
export async function deleteEntity(
  ctx: CommandContext,
  kind: LifecycleKind,
  ref: string,
  dryRun: boolean,
): Promise<ResolvedEntity> {
  const noun = NOUN[kind];
  const api = await ctx.backend();
  const org = await ctx.org();
  const e = await lookup(ctx, kind, ref);
  if (e.state === "DELETED") {
    ctx.out.info(`${capitalize(noun)} ${e.name} is already deleted`);
    return e;
  }
  const enabled = e.state === "ENABLED";
  if (dryRun) {
    if (enabled) ctx.out.plan({ action: "DeregisterFromWorkMail", target: e.name });
    ctx.out.plan({
      action: kind === "GROUP" ? "DeleteGroup" : "DeleteResource",
      target: e.name,
      details: { id: e.id },
    });
    return e;
  }
  await ctx.confirm(
    enabled
      ? `${capitalize(noun)} ${e.name} is enabled (${e.email ?? "no address"}). Disable it and delete it for good?`
      : `Delete ${noun} ${e.name} for good?`,
  );
  if (enabled) {
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: e.id });
    ctx.out.status(`Disabled ${noun} ${e.name}`);
  }
  const hints = { EntityStateException: `disable it first: wmctl ${noun} disable ${shellQuote(e.name)}` };
  if (kind === "GROUP") await withHints(api.deleteGroup({ OrganizationId: org, GroupId: e.id }), hints);
  else await withHints(api.deleteResource({ OrganizationId: org, ResourceId: e.id }), hints);
  ctx.out.status(`Deleted ${noun} ${e.name}`);
  return e;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
