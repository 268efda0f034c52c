import type { BookingOptions, MemberType, ResourceType } from "@aws-sdk/client-workmail";
import type { Sim } from "../sim.js";
import { fail, isSimulatedServiceError } from "../errors.js";
import { newId } from "../ids.js";
import { startPage } from "../pagination.js";
import type { Handlers } from "./handler.js";
import { requireOrganization, type OrganizationRow } from "./organizations.js";
import {
  checkNameAvailable,
  date,
  deleteDisabledEntity,
  entityAttrs,
  findEntity,
  listEntityPage,
  requireEntity,
  requireLiveEntity,
  type EntityRow,
} from "./entities.js";
import { requireMemberEntity } from "./groups.js";

/**
 * Resources: rooms and equipment that users book by inviting them to a meeting. A resource has
 * a calendar (a mailbox) once enabled, booking options, and delegates (users or groups) who
 * answer booking requests on its behalf.
 *
 * Rules:
 * - New resources answer automatically with the service's defaults: accept requests, decline
 *   conflicting ones, do not decline recurring ones (DescribeResource of a new resource).
 * - "A resource must either be able to auto-respond to requests or have at least one delegate"
 *   (InvalidConfigurationException): UpdateResource refuses AutoAcceptRequests=false on a
 *   resource without delegates. UpdateResource's BookingOptions replace all three options (the
 *   members are plain booleans: one left out is false), as the API asks callers to send back
 *   the set DescribeResource returned.
 * - DisassociateDelegateFromResource models no InvalidConfigurationException, so removing the
 *   last delegate of a resource that does not auto-accept is allowed (wmctl warns about it).
 * - Resources cannot be created or enabled in an organization in interoperability mode (guide,
 *   "Limitations in interoperability mode"): UnsupportedOperationException.
 * - DeleteResource only deletes a DISABLED resource (EntityStateException otherwise); it models no
 *   EntityNotFoundException, so an unknown or already deleted resource is a no-op.
 */

export interface ResourceAttrs {
  Type: ResourceType;
  Description: string;
  BookingOptions: Required<BookingOptions>;
}

export const DEFAULT_BOOKING_OPTIONS: Required<BookingOptions> = {
  AutoAcceptRequests: true,
  AutoDeclineRecurringRequests: false,
  AutoDeclineConflictingRequests: true,
};

function bookingOf(row: EntityRow): Required<BookingOptions> {
  return { ...DEFAULT_BOOKING_OPTIONS, ...(entityAttrs<ResourceAttrs>(row).BookingOptions ?? {}) };
}

export function checkResourcesAllowed(org: OrganizationRow, what: string): void {
  if (org.interoperability_enabled === 1) {
    throw fail.unsupportedOperation(
      `Resources can't be ${what} while organization ${org.id} is in interoperability mode.`,
    );
  }
}

function requireResource(sim: Sim, orgId: string, ref: string): EntityRow {
  return requireLiveEntity(sim, orgId, ref, ["RESOURCE"]);
}

function delegateCount(sim: Sim, orgId: string, resourceId: string): number {
  return (
    sim.db
      .prepare<[string, string], { n: number }>(
        "SELECT count(*) AS n FROM resource_delegates WHERE org_id = ? AND resource_id = ?",
      )
      .get(orgId, resourceId)?.n ?? 0
  );
}

export const resourceHandlers: Handlers = {
  CreateResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    checkResourcesAllowed(org, "created");
    checkNameAvailable(sim, org.id, input.Name);
    const id = newId.resource();
    const attrs: Partial<ResourceAttrs> = { Type: input.Type, BookingOptions: { ...DEFAULT_BOOKING_OPTIONS } };
    if (input.Description !== undefined && input.Description !== "") attrs.Description = input.Description;
    sim.db
      .prepare(
        `INSERT INTO entities (org_id, id, type, name, state, role, created_at, hidden_from_gal, attrs) VALUES (?, ?, 'RESOURCE', ?, 'DISABLED', NULL, ?, ?, ?)`,
      )
      .run(
        org.id,
        id,
        input.Name,
        sim.now.getTime(),
        input.HiddenFromGlobalAddressList === true ? 1 : 0,
        JSON.stringify(attrs),
      );
    return { ResourceId: id };
  },

  DescribeResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireEntity(sim, org.id, input.ResourceId, ["RESOURCE"]);
    const a = entityAttrs<ResourceAttrs>(row);
    return {
      ResourceId: row.id,
      Email: row.email ?? undefined,
      Name: row.name,
      Type: a.Type,
      BookingOptions: bookingOf(row),
      State: row.state,
      EnabledDate: date(row.enabled_at),
      DisabledDate: date(row.disabled_at),
      ...(a.Description ? { Description: a.Description } : {}),
      HiddenFromGlobalAddressList: row.hidden_from_gal === 1,
    };
  },

  ListResources(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const f = input.Filters ?? {};
    const page = listEntityPage(sim, {
      operation: "ListResources",
      orgId: org.id,
      type: "RESOURCE",
      request: input,
      filters: f,
      prefixes: [
        ["name", f.NamePrefix],
        ["email", f.PrimaryEmailPrefix],
      ],
      state: f.State,
    });
    return {
      Resources: page.rows.map((row) => {
        const a = entityAttrs<ResourceAttrs>(row);
        return {
          Id: row.id,
          Email: row.email ?? undefined,
          Name: row.name,
          Type: a.Type,
          State: row.state,
          EnabledDate: date(row.enabled_at),
          DisabledDate: date(row.disabled_at),
          ...(a.Description ? { Description: a.Description } : {}),
        };
      }),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  UpdateResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireResource(sim, org.id, input.ResourceId);
    const attrs = entityAttrs<ResourceAttrs>(row);
    let name = row.name;
    if (input.Name !== undefined && input.Name !== row.name) {
      try {
        checkNameAvailable(sim, org.id, input.Name, row.id);
      } catch (e) {
        // UpdateResource models no ReservedNameException: a reserved name is simply not available.
        if (isSimulatedServiceError(e) && e.name === "ReservedNameException") throw fail.nameAvailability(e.message);
        throw e;
      }
      name = input.Name;
    }
    if (input.Type !== undefined) attrs.Type = input.Type;
    if (input.Description !== undefined) {
      if (input.Description === "") delete attrs.Description;
      else attrs.Description = input.Description;
    }
    if (input.BookingOptions !== undefined) {
      const b = input.BookingOptions;
      const next: Required<BookingOptions> = {
        AutoAcceptRequests: b.AutoAcceptRequests === true,
        AutoDeclineRecurringRequests: b.AutoDeclineRecurringRequests === true,
        AutoDeclineConflictingRequests: b.AutoDeclineConflictingRequests === true,
      };
      if (!next.AutoAcceptRequests && delegateCount(sim, org.id, row.id) === 0) {
        throw fail.invalidConfiguration(
          `The resource ${row.name} must either be able to auto-respond to requests or have at least one delegate; associate a delegate before turning AutoAcceptRequests off.`,
        );
      }
      attrs.BookingOptions = next;
    }
    sim.db
      .prepare("UPDATE entities SET name = ?, hidden_from_gal = ?, attrs = ? WHERE org_id = ? AND id = ?")
      .run(
        name,
        input.HiddenFromGlobalAddressList === undefined
          ? row.hidden_from_gal
          : input.HiddenFromGlobalAddressList
            ? 1
            : 0,
        JSON.stringify(attrs),
        org.id,
        row.id,
      );
    return {};
  },

  DeleteResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = findEntity(sim, org.id, input.ResourceId, ["RESOURCE"]);
    if (row !== undefined) deleteDisabledEntity(sim, org.id, row);
    return {};
  },

  AssociateDelegateToResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const resource = requireResource(sim, org.id, input.ResourceId);
    const delegate = requireMemberEntity(sim, org.id, input.EntityId, "delegate");
    sim.db
      .prepare(
        "INSERT INTO resource_delegates (org_id, resource_id, entity_id, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(org.id, resource.id, delegate.id, sim.now.getTime());
    return {};
  },

  DisassociateDelegateFromResource(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const resource = requireResource(sim, org.id, input.ResourceId);
    const delegate = findEntity(sim, org.id, input.EntityId);
    if (delegate === undefined)
      throw fail.entityNotFound(`The user or group ${input.EntityId} does not exist in organization ${org.id}.`);
    const removed = sim.db
      .prepare("DELETE FROM resource_delegates WHERE org_id = ? AND resource_id = ? AND entity_id = ?")
      .run(org.id, resource.id, delegate.id);
    if (removed.changes === 0)
      throw fail.entityNotFound(`${delegate.name} is not a delegate of the resource ${resource.name}.`);
    return {};
  },

  ListResourceDelegates(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const resource = requireResource(sim, org.id, input.ResourceId);
    const pager = startPage("ListResourceDelegates", input, { org: org.id, resource: resource.id });
    const rows = sim.db
      .prepare<[string, string, number, number], EntityRow>(
        `SELECT e.* FROM resource_delegates d JOIN entities e ON e.org_id = d.org_id AND e.id = d.entity_id
         WHERE d.org_id = ? AND d.resource_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .all(org.id, resource.id, Number(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.seq);
    return {
      Delegates: page.items.map((row) => ({ Id: row.id, Type: row.type as MemberType })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },
};
