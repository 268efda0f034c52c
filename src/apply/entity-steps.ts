import type { UpdateUserRequest } from "@aws-sdk/client-workmail";
import type { RestoreStep } from "../inventory/area.js";
import { USER_ATTRIBUTE_MEMBERS } from "../backend/user-attributes.js";
import {
  USER_ATTRIBUTES,
  type EntityKind,
  type GroupData,
  type ResourceData,
  type UserData,
} from "../inventory/document.js";
import type { DirectoryEntry } from "../inventory/entity-directory.js";
import { attempt, type RestoreSession, type Result } from "./session.js";
import { fanOut } from "../inventory/fan-out.js";

const KIND: Record<EntityKind, string> = { USER: "user", GROUP: "group", RESOURCE: "resource" };

/** The target entity with this name, or a message when the name belongs to another kind. */
function existingOf(s: RestoreSession, name: string, type: EntityKind): DirectoryEntry | string | undefined {
  const e = s.target.byName(name);
  if (e === undefined) return undefined;
  if (e.type !== type) return `the name ${name} is taken by a ${KIND[e.type]} in the target organization`;
  return e;
}

/**
 * Gives an entity the primary address of the inventory: RegisterToWorkMail when it is not
 * enabled (the last step disables what the inventory has disabled), or
 * UpdatePrimaryEmailAddress when it is enabled with another address. Returns what changed.
 */
async function ensureAddress(
  s: RestoreSession,
  id: string,
  inventoryEmail: string | undefined,
  inventoryState: string,
): Promise<string | undefined> {
  if (inventoryEmail === undefined) return undefined;
  const email = s.map.address(inventoryEmail).toLowerCase();
  const now = s.target.byId(id);
  // Disabled with its address kept, as in the inventory: nothing to do.
  if (inventoryState !== "ENABLED" && now?.state === "DISABLED" && now.email?.toLowerCase() === email) return undefined;
  if (now?.state === "ENABLED") {
    if (now.email?.toLowerCase() === email) return undefined;
    await s.api.updatePrimaryEmailAddress({ OrganizationId: s.orgId, EntityId: id, Email: email });
    s.target.update(id, { email });
    return `primary address ${email}`;
  }
  await s.api.registerToWorkMail({ OrganizationId: s.orgId, EntityId: id, Email: email });
  s.target.update(id, { email, state: "ENABLED" });
  return `enabled as ${email}`;
}

/** `displayName "bob" -> "Bob Builder", city (none) -> "Lyon"`: each changed member, before and after. */
function describeChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string {
  const show = (v: unknown) =>
    v === undefined || v === null || v === "" ? "(none)" : typeof v === "string" ? JSON.stringify(v) : String(v);
  const hidden = (v: unknown) => v === true;
  return Object.entries(after)
    .map(
      ([k, v]) =>
        `${k.charAt(0).toLowerCase() + k.slice(1)} ${k === "HiddenFromGlobalAddressList" ? String(hidden(before[k])) : show(before[k])} -> ${show(v)}`,
    )
    .join(", ");
}

function outcome(
  createdOrChanged: "created" | "updated" | undefined,
  parts: string[],
): { result: Result; message: string } {
  const result: Result = createdOrChanged ?? (parts.length > 0 ? "updated" : "skipped");
  return {
    result,
    message: parts.length > 0 ? parts.join("; ") : result === "skipped" ? "already as in the inventory" : "",
  };
}

/** Users: CreateUser (with a generated password) or UpdateUser where the target differs, then the primary address. */
export function restoreUsers(s: RestoreSession, users: readonly UserData[]): Promise<RestoreStep[]> {
  return fanOut(users, (u) =>
    attempt("users", "CreateUser", u.name, async () => {
      if (u.role !== "USER" && u.role !== "REMOTE_USER")
        return { result: "skipped", message: `role ${u.role} belongs to the service` };
      const found = existingOf(s, u.name, "USER");
      if (typeof found === "string") return { result: "failed", message: found };
      const parts: string[] = [];
      let id: string;
      let created = false;
      const attrs: Partial<UpdateUserRequest> = {};
      const set = attrs as Record<string, unknown>;
      let before: Record<string, unknown> = {};
      if (found === undefined) {
        const password = u.role === "USER" ? s.newPassword() : undefined;
        // The password is on disk before the user exists; at most `concurrency` such lines are
        // ahead of their CreateUser (a killed run leaves few lines of users it did not create).
        const res = await s.createSlot(async () => {
          if (password !== undefined && !s.dryRun)
            await s.savePassword({
              name: u.name,
              email: u.email === undefined ? undefined : s.map.address(u.email),
              password,
            });
          return s.api.createUser({
            OrganizationId: s.orgId,
            Name: u.name,
            DisplayName: u.displayName ?? u.name,
            Role: u.role as "USER" | "REMOTE_USER",
            ...(u.firstName === undefined ? {} : { FirstName: u.firstName }),
            ...(u.lastName === undefined ? {} : { LastName: u.lastName }),
            ...(u.hidden ? { HiddenFromGlobalAddressList: true } : {}),
            ...(password === undefined ? {} : { Password: password }),
          });
        });
        id = res.UserId as string;
        created = true;
        s.created.add(id);
        s.target.add({ id, type: "USER", name: u.name, email: undefined, state: "DISABLED", role: u.role });
        for (const a of USER_ATTRIBUTES)
          if (a !== "firstName" && a !== "lastName" && u[a] !== undefined) set[USER_ATTRIBUTE_MEMBERS[a]] = u[a];
        if (u.identityProviderUserId !== undefined) attrs.IdentityProviderUserId = u.identityProviderUserId;
      } else {
        id = found.id;
        const d = await s.api.describeUser({ OrganizationId: s.orgId, UserId: id });
        before = { ...d, Role: d.UserRole ?? "USER" };
        if (u.displayName !== undefined && u.displayName !== d.DisplayName) attrs.DisplayName = u.displayName;
        for (const a of USER_ATTRIBUTES) {
          const member = USER_ATTRIBUTE_MEMBERS[a];
          if (u[a] !== undefined && u[a] !== d[member]) set[member] = u[a];
        }
        if (u.identityProviderUserId !== undefined && u.identityProviderUserId !== d.IdentityProviderUserId)
          attrs.IdentityProviderUserId = u.identityProviderUserId;
        if (u.hidden !== (d.HiddenFromGlobalAddressList === true)) attrs.HiddenFromGlobalAddressList = u.hidden;
        if (u.role !== (d.UserRole ?? "USER")) attrs.Role = u.role as UpdateUserRequest["Role"];
      }
      const changed = Object.keys(attrs);
      if (changed.length > 0) {
        await s.api.updateUser({ OrganizationId: s.orgId, UserId: id, ...attrs });
        if (!created) parts.push(describeChanges(before, attrs));
      }
      const addr = await ensureAddress(s, id, u.email, u.state);
      if (addr !== undefined) parts.push(addr);
      return outcome(created ? "created" : undefined, parts);
    }),
  );
}

/** Groups: CreateGroup, or UpdateGroup when the visibility differs, then the primary address. */
export function restoreGroups(s: RestoreSession, groups: readonly GroupData[]): Promise<RestoreStep[]> {
  return fanOut(groups, (g) =>
    attempt("groups", "CreateGroup", g.name, async () => {
      const found = existingOf(s, g.name, "GROUP");
      if (typeof found === "string") return { result: "failed", message: found };
      const parts: string[] = [];
      let id: string;
      if (found === undefined) {
        id = (
          await s.api.createGroup({
            OrganizationId: s.orgId,
            Name: g.name,
            ...(g.hidden ? { HiddenFromGlobalAddressList: true } : {}),
          })
        ).GroupId as string;
        s.created.add(id);
        s.target.add({ id, type: "GROUP", name: g.name, email: undefined, state: "DISABLED" });
      } else {
        id = found.id;
        const d = await s.api.describeGroup({ OrganizationId: s.orgId, GroupId: id });
        if (g.hidden !== (d.HiddenFromGlobalAddressList === true)) {
          await s.api.updateGroup({ OrganizationId: s.orgId, GroupId: id, HiddenFromGlobalAddressList: g.hidden });
          parts.push(g.hidden ? "hidden from the address list" : "shown in the address list");
        }
      }
      const addr = await ensureAddress(s, id, g.email, g.state);
      if (addr !== undefined) parts.push(addr);
      return outcome(found === undefined ? "created" : undefined, parts);
    }),
  );
}

/** Resources: CreateResource, or UpdateResource for type, description and visibility, then the primary address. */
export function restoreResources(s: RestoreSession, resources: readonly ResourceData[]): Promise<RestoreStep[]> {
  return fanOut(resources, (r) =>
    attempt("resources", "CreateResource", r.name, async () => {
      const found = existingOf(s, r.name, "RESOURCE");
      if (typeof found === "string") return { result: "failed", message: found };
      const parts: string[] = [];
      let id: string;
      if (found === undefined) {
        id = (
          await s.api.createResource({
            OrganizationId: s.orgId,
            Name: r.name,
            Type: r.type as "ROOM" | "EQUIPMENT",
            ...(r.description === undefined ? {} : { Description: r.description }),
            ...(r.hidden ? { HiddenFromGlobalAddressList: true } : {}),
          })
        ).ResourceId as string;
        s.created.add(id);
        s.target.add({ id, type: "RESOURCE", name: r.name, email: undefined, state: "DISABLED" });
      } else {
        id = found.id;
        const d = await s.api.describeResource({ OrganizationId: s.orgId, ResourceId: id });
        const change = {
          ...(r.type !== d.Type ? { Type: r.type as "ROOM" | "EQUIPMENT" } : {}),
          ...(r.description !== undefined && r.description !== d.Description ? { Description: r.description } : {}),
          ...(r.hidden !== (d.HiddenFromGlobalAddressList === true) ? { HiddenFromGlobalAddressList: r.hidden } : {}),
        };
        if (Object.keys(change).length > 0) {
          await s.api.updateResource({ OrganizationId: s.orgId, ResourceId: id, ...change });
          parts.push(describeChanges(d as Record<string, unknown>, change));
        }
      }
      const addr = await ensureAddress(s, id, r.email, r.state);
      if (addr !== undefined) parts.push(addr);
      return outcome(found === undefined ? "created" : undefined, parts);
    }),
  );
}

/**
 * Last step: every entity the inventory has disabled and the target has enabled is disabled,
 * whether this run enabled it to give it its addresses, an earlier (killed) run did, or it was
 * enabled there before: the target ends in the inventory's state.
 */
export function restoreStates(
  s: RestoreSession,
  entities: ReadonlyArray<{ name: string; state: string; type: EntityKind }>,
): Promise<RestoreStep[]> {
  return fanOut(
    entities.filter((e) => e.state === "DISABLED"),
    (e) =>
      attempt("states", "DeregisterFromWorkMail", e.name, async () => {
        const t = s.target.byName(e.name);
        if (t === undefined || t.state !== "ENABLED") return { result: "skipped", message: "disabled" };
        await s.api.deregisterFromWorkMail({ OrganizationId: s.orgId, EntityId: t.id });
        s.target.update(t.id, { state: "DISABLED" });
        return { result: "updated", message: "disabled, as in the inventory" };
      }),
  );
}
