import type { BookingOptions } from "@aws-sdk/client-workmail";
import { collect, paginate } from "../backend/paginate.js";
import type { RestoreStep } from "../inventory/area.js";
import type { BookingOptionsData, EntityKind, GroupData, ResourceData } from "../inventory/document.js";
import { attempt, failed, isNew, type RestoreSession } from "./session.js";
import { fanOut } from "../inventory/fan-out.js";

/** A new resource's booking options (DescribeResource of a resource nobody changed). */
const SERVICE_DEFAULT_BOOKING: BookingOptionsData = {
  autoAcceptRequests: true,
  autoDeclineRecurringRequests: false,
  autoDeclineConflictingRequests: true,
};

/** Ids of the current members (or delegates) of a target entity; none for one this run created. */
async function currentIds(
  s: RestoreSession,
  id: string,
  items: () => AsyncIterable<{ Id?: string | undefined }>,
): Promise<Set<string>> {
  if (isNew(s, id)) return new Set();
  const ids = new Set<string>();
  for await (const m of items()) if (m.Id !== undefined) ids.add(m.Id);
  return ids;
}

/** Group memberships, nested groups included: AssociateMemberToGroup for each one the target lacks. */
export async function restoreMembers(s: RestoreSession, groups: readonly GroupData[]): Promise<RestoreStep[]> {
  const perGroup = await fanOut(
    groups.filter((g) => g.members.length > 0),
    async (g): Promise<RestoreStep[]> => {
      const group = s.target.byName(g.name);
      if (group === undefined || group.type !== "GROUP")
        return g.members.map((m) =>
          failed("group-members", "AssociateMemberToGroup", `${g.name} <- ${m.name}`, "the group is not in the target"),
        );
      let have: Set<string>;
      try {
        have = await currentIds(s, group.id, () =>
          paginate(
            (t) => s.api.listGroupMembers({ OrganizationId: s.orgId, GroupId: group.id, NextToken: t }),
            "Members",
          ),
        );
      } catch (e) {
        return [await attempt("group-members", "ListGroupMembers", g.name, () => Promise.reject(e))];
      }
      return Promise.all(
        g.members.map((m) =>
          attempt("group-members", "AssociateMemberToGroup", `${g.name} <- ${m.name}`, async () => {
            const member = s.target.byName(m.name);
            if (member === undefined || member.type !== m.type)
              return {
                result: "failed",
                message: `the ${m.type === "GROUP" ? "group" : "user"} ${m.name} is not in the target`,
              };
            if (have.has(member.id)) return { result: "skipped", message: "already a member" };
            await s.api.associateMemberToGroup({ OrganizationId: s.orgId, GroupId: group.id, MemberId: member.id });
            return { result: "created" };
          }),
        ),
      );
    },
  );
  return perGroup.flat();
}

/**
 * Resource delegates, then booking options (after the delegates: a resource that does not accept
 * requests by itself needs a delegate first).
 */
export async function restoreDelegates(s: RestoreSession, resources: readonly ResourceData[]): Promise<RestoreStep[]> {
  const perResource = await fanOut(resources, async (r): Promise<RestoreStep[]> => {
    const res = s.target.byName(r.name);
    if (res === undefined || res.type !== "RESOURCE")
      return [failed("resource-delegates", "UpdateResource", r.name, "the resource is not in the target")];
    const steps: RestoreStep[] = [];
    let have: Set<string> | undefined;
    for (const d of r.delegates) {
      steps.push(
        await attempt("resource-delegates", "AssociateDelegateToResource", `${r.name} <- ${d.name}`, async () => {
          const delegate = s.target.byName(d.name);
          if (delegate === undefined || delegate.type !== d.type)
            return {
              result: "failed",
              message: `the ${d.type === "GROUP" ? "group" : "user"} ${d.name} is not in the target`,
            };
          have ??= await currentIds(s, res.id, () =>
            paginate(
              (t) => s.api.listResourceDelegates({ OrganizationId: s.orgId, ResourceId: res.id, NextToken: t }),
              "Delegates",
            ),
          );
          if (have.has(delegate.id)) return { result: "skipped", message: "already a delegate" };
          await s.api.associateDelegateToResource({
            OrganizationId: s.orgId,
            ResourceId: res.id,
            EntityId: delegate.id,
          });
          return { result: "created" };
        }),
      );
    }
    steps.push(
      await attempt("resource-delegates", "UpdateResource", `${r.name} booking options`, async () => {
        const now =
          isNew(s, res.id) && s.dryRun
            ? SERVICE_DEFAULT_BOOKING
            : bookingOf((await s.api.describeResource({ OrganizationId: s.orgId, ResourceId: res.id })).BookingOptions);
        const want = r.bookingOptions;
        if (sameBooking(now, want)) return { result: "skipped", message: "already as in the inventory" };
        await s.api.updateResource({
          OrganizationId: s.orgId,
          ResourceId: res.id,
          BookingOptions: {
            AutoAcceptRequests: want.autoAcceptRequests,
            AutoDeclineRecurringRequests: want.autoDeclineRecurringRequests,
            AutoDeclineConflictingRequests: want.autoDeclineConflictingRequests,
          },
        });
        return { result: "updated", message: describeBooking(want) };
      }),
    );
    return steps;
  });
  return perResource.flat();
}

function bookingOf(b: BookingOptions | undefined): BookingOptionsData {
  return {
    autoAcceptRequests: b?.AutoAcceptRequests === true,
    autoDeclineRecurringRequests: b?.AutoDeclineRecurringRequests === true,
    autoDeclineConflictingRequests: b?.AutoDeclineConflictingRequests === true,
  };
}

function sameBooking(a: BookingOptionsData, b: BookingOptionsData): boolean {
  return (
    a.autoAcceptRequests === b.autoAcceptRequests &&
    a.autoDeclineRecurringRequests === b.autoDeclineRecurringRequests &&
    a.autoDeclineConflictingRequests === b.autoDeclineConflictingRequests
  );
}

function describeBooking(b: BookingOptionsData): string {
  return [
    b.autoAcceptRequests ? "auto-accept" : "no auto-accept",
    b.autoDeclineRecurringRequests ? "decline recurring" : "accept recurring",
    b.autoDeclineConflictingRequests ? "decline conflicting" : "accept conflicting",
  ].join(", ");
}

/** Aliases of users, groups and resources: CreateAlias (on the mapped domain) for each one the target lacks. */
export async function restoreAliases(
  s: RestoreSession,
  entities: ReadonlyArray<{ name: string; type: EntityKind; aliases: string[] }>,
): Promise<RestoreStep[]> {
  const perEntity = await fanOut(
    entities.filter((e) => e.aliases.length > 0),
    async (e): Promise<RestoreStep[]> => {
      const t = s.target.byName(e.name);
      if (t === undefined || t.type !== e.type)
        return e.aliases.map((a) =>
          failed("aliases", "CreateAlias", `${e.name} ${s.map.address(a)}`, `${e.name} is not in the target`),
        );
      let have: Set<string>;
      try {
        have = isNew(s, t.id)
          ? new Set()
          : new Set(
              (
                await collect(
                  paginate(
                    (tok) => s.api.listAliases({ OrganizationId: s.orgId, EntityId: t.id, NextToken: tok }),
                    "Aliases",
                  ),
                )
              ).map((a) => a.toLowerCase()),
            );
      } catch (err) {
        return [await attempt("aliases", "ListAliases", e.name, () => Promise.reject(err))];
      }
      return Promise.all(
        e.aliases.map((a) => {
          const alias = s.map.address(a).toLowerCase();
          return attempt("aliases", "CreateAlias", `${e.name} ${alias}`, async () => {
            if (have.has(alias)) return { result: "skipped", message: "already an alias" };
            if (t.state !== "ENABLED")
              return {
                result: "failed",
                message: `${e.name} is not enabled in the target; aliases need an enabled ${e.type.toLowerCase()}`,
              };
            await s.api.createAlias({ OrganizationId: s.orgId, EntityId: t.id, Alias: alias });
            s.target.addAddress(t.id, alias);
            return { result: "created" };
          });
        }),
      );
    },
  );
  return perEntity.flat();
}
