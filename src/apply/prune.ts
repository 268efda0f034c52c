import { collect, paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { aliasesOfEntity } from "../inventory/collect/aliases.js";
import type { EntityKind, InventoryDocument } from "../inventory/document.js";
import type { DomainMap } from "../inventory/domain-map.js";
import type { DirectoryEntry, EntityDirectory } from "../inventory/entity-directory.js";
import { fanOut } from "../inventory/fan-out.js";
import { errorText } from "../inventory/service-errors.js";
import type { TargetOrganization } from "./target-domains.js";

/** One thing the organization has and the document lacks; `run` removes it. */
export interface PruneAction {
  /** The document's area: users, groups, resources, aliases, group-members, resource-delegates, mailbox-permissions, domains. */
  readonly area: string;
  /** The API operation(s), e.g. `DeleteUser`. */
  readonly action: string;
  /** What is removed, as an admin names it (`zoe`, `sales <- bob`, `bob bobby@example.com`). */
  readonly target: string;
  run(): Promise<void>;
}

const KIND: Record<EntityKind, string> = { USER: "users", GROUP: "groups", RESOURCE: "resources" };
/** Users wmctl manages: the service's own (SYSTEM_USER, a resource's RESOURCE user) are never pruned. */
const MANAGED_ROLES = new Set(["USER", "REMOTE_USER"]);

/**
 * What `apply --prune` removes: within each area the document has (an area it leaves out is not
 * managed), the users, groups and resources it does not list; the aliases, group members,
 * resource delegates and mailbox permissions it does not list on the entities it keeps; and the
 * custom domains it does not list (never the test or the default domain). Reads only.
 */
export async function planPrune(
  api: WorkMailApi,
  orgId: string,
  doc: InventoryDocument,
  map: DomainMap,
  target: EntityDirectory,
  org: TargetOrganization,
): Promise<PruneAction[]> {
  const a = doc.areas;
  const wanted = new Map<string, { type: EntityKind; aliases: string[]; members?: string[]; delegates?: string[] }>();
  for (const u of a.users ?? []) wanted.set(u.name.toLowerCase(), { type: "USER", aliases: u.aliases });
  for (const g of a.groups ?? [])
    wanted.set(g.name.toLowerCase(), {
      type: "GROUP",
      aliases: g.aliases,
      members: g.members.map((m) => m.name.toLowerCase()),
    });
  for (const r of a.resources ?? [])
    wanted.set(r.name.toLowerCase(), {
      type: "RESOURCE",
      aliases: r.aliases,
      delegates: r.delegates.map((m) => m.name.toLowerCase()),
    });
  const managed = (e: DirectoryEntry) =>
    a[KIND[e.type]] !== undefined && (e.type !== "USER" || MANAGED_ROLES.has(e.role ?? "USER"));
  // A name the document gives another kind (a user where it wants a group) goes too: the create needs the name.
  const doomed = target.all().filter((e) => managed(e) && wanted.get(e.name.toLowerCase())?.type !== e.type);
  const gone = new Set(doomed.map((e) => e.id));
  const kept = target.all().filter((e) => !gone.has(e.id) && wanted.get(e.name.toLowerCase())?.type === e.type);
  const name = (id: string | undefined) => (id === undefined ? undefined : target.nameOf(id));
  const out: PruneAction[] = [];

  if (a["mailbox-permissions"] !== undefined) {
    const grants = new Set(
      a["mailbox-permissions"].map((p) => `${p.mailbox.toLowerCase()}\n${p.grantee.toLowerCase()}`),
    );
    const lists = await fanOut(
      kept.filter((e) => e.state === "ENABLED"),
      async (e) => {
        try {
          return {
            e,
            perms: await collect(
              paginate(
                (t) => api.listMailboxPermissions({ OrganizationId: orgId, EntityId: e.id, NextToken: t }),
                "Permissions",
              ),
            ),
          };
        } catch (err) {
          // A backend that keeps no permissions on groups refuses them as a parameter error.
          if (e.type === "GROUP" && (err as { name?: string }).name === "InvalidParameterException")
            return { e, perms: [] };
          throw err;
        }
      },
    );
    for (const { e, perms } of lists) {
      for (const p of perms) {
        const grantee = name(p.GranteeId);
        if (
          p.GranteeId === undefined ||
          grantee === undefined ||
          gone.has(p.GranteeId) ||
          grants.has(`${e.name.toLowerCase()}\n${grantee.toLowerCase()}`)
        )
          continue;
        const granteeId = p.GranteeId;
        out.push({
          area: "mailbox-permissions",
          action: "DeleteMailboxPermissions",
          target: `${e.name} -> ${grantee}`,
          run: () =>
            api
              .deleteMailboxPermissions({ OrganizationId: orgId, EntityId: e.id, GranteeId: granteeId })
              .then(() => undefined),
        });
      }
    }
  }

  const linkLists = await fanOut(
    kept.filter((e) => e.type !== "USER"),
    async (e): Promise<PruneAction[]> => {
      const w = wanted.get(e.name.toLowerCase());
      if (e.type === "GROUP" && w?.members !== undefined) {
        const members = await collect(
          paginate((t) => api.listGroupMembers({ OrganizationId: orgId, GroupId: e.id, NextToken: t }), "Members"),
        );
        return members
          .filter(
            (m) =>
              m.Id !== undefined &&
              m.State !== "DELETED" &&
              !gone.has(m.Id) &&
              !w.members?.includes((m.Name ?? name(m.Id) ?? "").toLowerCase()),
          )
          .map((m) => ({
            area: "group-members",
            action: "DisassociateMemberFromGroup",
            target: `${e.name} <- ${m.Name ?? name(m.Id) ?? m.Id ?? ""}`,
            run: () =>
              api
                .disassociateMemberFromGroup({ OrganizationId: orgId, GroupId: e.id, MemberId: m.Id as string })
                .then(() => undefined),
          }));
      }
      if (e.type === "RESOURCE" && w?.delegates !== undefined) {
        const delegates = await collect(
          paginate(
            (t) => api.listResourceDelegates({ OrganizationId: orgId, ResourceId: e.id, NextToken: t }),
            "Delegates",
          ),
        );
        return delegates
          .filter(
            (d) => d.Id !== undefined && !gone.has(d.Id) && !w.delegates?.includes((name(d.Id) ?? "").toLowerCase()),
          )
          .map((d) => ({
            area: "resource-delegates",
            action: "DisassociateDelegateFromResource",
            target: `${e.name} <- ${name(d.Id) ?? d.Id ?? ""}`,
            run: () =>
              api
                .disassociateDelegateFromResource({ OrganizationId: orgId, ResourceId: e.id, EntityId: d.Id as string })
                .then(() => undefined),
          }));
      }
      return [];
    },
  );
  out.push(...linkLists.flat());

  const aliasLists = await fanOut(kept, async (e): Promise<PruneAction[]> => {
    const want = new Set((wanted.get(e.name.toLowerCase())?.aliases ?? []).map((x) => map.address(x).toLowerCase()));
    return (await aliasesOfEntity(api, orgId, e))
      .filter((x) => !want.has(x))
      .map((x) => ({
        area: "aliases",
        action: "DeleteAlias",
        target: `${e.name} ${x}`,
        run: () => api.deleteAlias({ OrganizationId: orgId, EntityId: e.id, Alias: x }).then(() => undefined),
      }));
  });
  out.push(...aliasLists.flat());

  for (const e of doomed.sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1))) {
    const del = e.type === "USER" ? "DeleteUser" : e.type === "GROUP" ? "DeleteGroup" : "DeleteResource";
    out.push({
      area: KIND[e.type],
      action: e.state === "ENABLED" ? `DeregisterFromWorkMail+${del}` : del,
      target: e.name,
      run: async () => {
        if (e.state === "ENABLED") await api.deregisterFromWorkMail({ OrganizationId: orgId, EntityId: e.id });
        if (e.type === "USER") await api.deleteUser({ OrganizationId: orgId, UserId: e.id });
        else if (e.type === "GROUP") await api.deleteGroup({ OrganizationId: orgId, GroupId: e.id });
        else await api.deleteResource({ OrganizationId: orgId, ResourceId: e.id });
      },
    });
  }

  if (a.domains !== undefined && org.domainsListed) {
    const want = new Set(a.domains.map((d) => map.domain(d.name).toLowerCase()));
    for (const d of [...org.domains.values()].sort((x, y) => (x.name < y.name ? -1 : 1))) {
      if (d.isTest || d.isDefault || d.name === org.defaultMailDomain || want.has(d.name)) continue;
      out.push({
        area: "domains",
        action: "DeregisterMailDomain",
        target: d.name,
        run: () => api.deregisterMailDomain({ OrganizationId: orgId, DomainName: d.name }).then(() => undefined),
      });
    }
  }
  return out;
}

export interface PruneResult {
  readonly area: string;
  readonly action: string;
  readonly target: string;
  readonly result: "deleted" | "failed";
  readonly message?: string;
}

/** Runs the removals in order (links first, then entities, then domains); a failure is reported and the rest goes on. */
export async function runPrune(actions: readonly PruneAction[]): Promise<PruneResult[]> {
  const results: PruneResult[] = [];
  const stages = [
    "mailbox-permissions",
    "group-members",
    "resource-delegates",
    "aliases",
    "users",
    "groups",
    "resources",
    "domains",
  ];
  for (const stage of stages) {
    results.push(
      ...(await fanOut(
        actions.filter((x) => x.area === stage),
        async (x): Promise<PruneResult> => {
          try {
            await x.run();
            return { area: x.area, action: x.action, target: x.target, result: "deleted" };
          } catch (e) {
            return { area: x.area, action: x.action, target: x.target, result: "failed", message: errorText(e) };
          }
        },
      )),
    );
  }
  return results;
}
