import type { UserRole } from "@aws-sdk/client-workmail";
import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { newId } from "../ids.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import {
  checkNameAvailable,
  checkPassword,
  date,
  deleteDisabledEntity,
  entityAttrs,
  hashPasswordAsync,
  listEntityPage,
  requireEntity,
  requireEntityById,
  type EntityRow,
} from "./entities.js";

/** The user details UpdateUser and DescribeUser carry besides name, email and state. */
export interface UserAttrs {
  FirstName: string;
  LastName: string;
  Initials: string;
  Telephone: string;
  Street: string;
  JobTitle: string;
  City: string;
  Company: string;
  ZipCode: string;
  Department: string;
  Country: string;
  Office: string;
  IdentityProviderUserId: string;
  IdentityProviderIdentityStoreId: string;
}

const ATTR_KEYS = [
  "FirstName",
  "LastName",
  "Initials",
  "Telephone",
  "Street",
  "JobTitle",
  "City",
  "Company",
  "ZipCode",
  "Department",
  "Country",
  "Office",
  "IdentityProviderUserId",
] as const;

/** Roles an administrator may give (SYSTEM_USER and RESOURCE belong to the service). */
const ASSIGNABLE_ROLES: readonly UserRole[] = ["USER", "REMOTE_USER"];

function checkRole(role: UserRole | undefined): UserRole {
  const r = role ?? "USER";
  if (!ASSIGNABLE_ROLES.includes(r))
    throw fail.invalidParameter(`The role ${r} cannot be assigned; use USER or REMOTE_USER.`);
  return r;
}

function describe(row: EntityRow) {
  const a = entityAttrs<UserAttrs>(row);
  return {
    UserId: row.id,
    Name: row.name,
    Email: row.email ?? undefined,
    DisplayName: row.display_name ?? undefined,
    State: row.state,
    UserRole: (row.role ?? "USER") as UserRole,
    EnabledDate: date(row.enabled_at),
    DisabledDate: date(row.disabled_at),
    MailboxProvisionedDate: date(row.mailbox_provisioned_at),
    MailboxDeprovisionedDate: date(row.mailbox_deprovisioned_at),
    HiddenFromGlobalAddressList: row.hidden_from_gal === 1,
    ...Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== "")),
  };
}

export const userHandlers: Handlers = {
  // Async: the password is hashed on the thread pool between two transactions, so the store's write
  // lock is never held while scrypt runs (several processes create users at once).
  CreateUser: {
    async: async (ctx, input) => {
      const check = (sim: Sim) => {
        const org = requireOrganization(sim, input.OrganizationId);
        const role = checkRole(input.Role);
        checkNameAvailable(sim, org.id, input.Name);
        return { org, role };
      };
      ctx.tx((sim) => {
        check(sim);
        if (input.Password !== undefined) checkPassword(input.Password);
      });
      const hash = input.Password === undefined ? null : await hashPasswordAsync(input.Password);
      return ctx.tx((sim) => {
        const { org, role } = check(sim); // again: another process may have taken the name meanwhile
        const id = newId.user();
        const now = sim.now.getTime();
        const attrs: Partial<UserAttrs> = {};
        if (input.FirstName) attrs.FirstName = input.FirstName;
        if (input.LastName) attrs.LastName = input.LastName;
        if (input.IdentityProviderUserId) attrs.IdentityProviderUserId = input.IdentityProviderUserId;
        sim.db
          .prepare(
            `INSERT INTO entities (org_id, id, type, name, display_name, state, role, created_at, hidden_from_gal, password_hash, password_set_at, attrs)
             VALUES (?, ?, 'USER', ?, ?, 'DISABLED', ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            org.id,
            id,
            input.Name,
            input.DisplayName,
            role,
            now,
            input.HiddenFromGlobalAddressList === true ? 1 : 0,
            hash,
            hash === null ? null : now,
            JSON.stringify(attrs),
          );
        return { UserId: id };
      });
    },
  },

  DescribeUser(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    return describe(requireEntity(sim, org.id, input.UserId, ["USER"]));
  },

  ListUsers(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const f = input.Filters ?? {};
    const page = listEntityPage(sim, {
      operation: "ListUsers",
      orgId: org.id,
      type: "USER",
      request: input,
      filters: f,
      prefixes: [
        ["name", f.UsernamePrefix],
        ["display_name", f.DisplayNamePrefix],
        ["email", f.PrimaryEmailPrefix],
        ["json_extract(attrs, '$.IdentityProviderUserId')", f.IdentityProviderUserIdPrefix],
      ],
      state: f.State,
    });
    return {
      Users: page.rows.map((row) => {
        const a = entityAttrs<UserAttrs>(row);
        return {
          Id: row.id,
          Email: row.email ?? undefined,
          Name: row.name,
          DisplayName: row.display_name ?? undefined,
          State: row.state,
          UserRole: (row.role ?? "USER") as UserRole,
          EnabledDate: date(row.enabled_at),
          DisabledDate: date(row.disabled_at),
          ...(a.IdentityProviderUserId ? { IdentityProviderUserId: a.IdentityProviderUserId } : {}),
          ...(a.IdentityProviderIdentityStoreId
            ? { IdentityProviderIdentityStoreId: a.IdentityProviderIdentityStoreId }
            : {}),
        };
      }),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  UpdateUser(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireEntity(sim, org.id, input.UserId, ["USER"]);
    if (row.state === "DELETED") throw fail.entityState(`The user ${row.name} is deleted and cannot be updated.`);
    const attrs = entityAttrs<UserAttrs>(row);
    for (const key of ATTR_KEYS) {
      const v = input[key];
      if (v === undefined) continue;
      if (v === "") delete attrs[key];
      else attrs[key] = v;
    }
    const role = input.Role === undefined ? (row.role ?? "USER") : checkRole(input.Role);
    let provisioned = row.mailbox_provisioned_at;
    let deprovisioned = row.mailbox_deprovisioned_at;
    if (role !== row.role && row.state === "ENABLED") {
      // An enabled USER has a mailbox, an enabled REMOTE_USER has none (guide: concepts).
      const now = sim.now.getTime();
      if (role === "REMOTE_USER") deprovisioned = now;
      else {
        provisioned = now;
        deprovisioned = null;
      }
    }
    sim.db
      .prepare(
        "UPDATE entities SET display_name = ?, role = ?, hidden_from_gal = ?, attrs = ?, mailbox_provisioned_at = ?, mailbox_deprovisioned_at = ? WHERE org_id = ? AND id = ?",
      )
      .run(
        input.DisplayName !== undefined && input.DisplayName !== "" ? input.DisplayName : row.display_name,
        role,
        input.HiddenFromGlobalAddressList === undefined
          ? row.hidden_from_gal
          : input.HiddenFromGlobalAddressList
            ? 1
            : 0,
        JSON.stringify(attrs),
        provisioned,
        deprovisioned,
        org.id,
        row.id,
      );
    return {};
  },

  DeleteUser(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    deleteDisabledEntity(sim, org.id, requireEntity(sim, org.id, input.UserId, ["USER"]));
    return {};
  },

  ResetPassword: {
    async: async (ctx, input) => {
      const check = (sim: Sim) => {
        const org = requireOrganization(sim, input.OrganizationId);
        // UserId is a WorkMailIdentifier here: the user's id, not a name or an address.
        const row = requireEntityById(sim, org.id, input.UserId, ["USER"]);
        if (row.state === "DELETED")
          throw fail.entityState(`The user ${row.name} is deleted; its password cannot be reset.`);
        return { org, row };
      };
      ctx.tx((sim) => {
        check(sim);
        checkPassword(input.Password);
      });
      const hash = await hashPasswordAsync(input.Password);
      return ctx.tx((sim) => {
        const { org, row } = check(sim);
        sim.db
          .prepare("UPDATE entities SET password_hash = ?, password_set_at = ? WHERE org_id = ? AND id = ?")
          .run(hash, sim.now.getTime(), org.id, row.id);
        return {};
      });
    },
  },
};
