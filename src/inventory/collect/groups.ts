import { collect, paginate } from "../../backend/paginate.js";
import type { GroupData, MemberRef } from "../document.js";
import { unlessGone } from "../service-errors.js";
import { aliasesOfEntity } from "./aliases.js";
import { byName, iso, text, type CollectContext } from "./collect-context.js";
import { fanOut } from "../fan-out.js";

/** DescribeGroup, ListGroupMembers (direct members: users and nested groups) and ListAliases for every live group. */
export async function collectGroups(ctx: CollectContext): Promise<GroupData[]> {
  const { api, orgId } = ctx;
  const groups = await fanOut(ctx.directory.all("GROUP"), async (e): Promise<GroupData | undefined> => {
    const [d, members, aliases] = await Promise.all([
      unlessGone(api.describeGroup({ OrganizationId: orgId, GroupId: e.id })),
      unlessGone(
        collect(
          paginate((t) => api.listGroupMembers({ OrganizationId: orgId, GroupId: e.id, NextToken: t }), "Members"),
        ),
      ),
      unlessGone(aliasesOfEntity(api, orgId, e)),
    ]);
    if (d === undefined || members === undefined || aliases === undefined || d.State === "DELETED") return undefined;
    const refs: MemberRef[] = [];
    for (const m of members) {
      if (m.State === "DELETED" || m.Id === undefined) continue;
      const name = m.Name ?? ctx.directory.nameOf(m.Id);
      if (name === undefined) {
        ctx.warn(`group ${e.name}: member ${m.Id} is not a known user or group; left out`);
        continue;
      }
      refs.push({ name, type: m.Type === "GROUP" ? "GROUP" : "USER" });
    }
    return {
      name: d.Name ?? e.name,
      id: e.id,
      email: text(d.Email)?.toLowerCase(),
      state: d.State ?? e.state,
      hidden: d.HiddenFromGlobalAddressList === true,
      aliases,
      members: refs.sort(byName),
      enabledDate: iso(d.EnabledDate),
      disabledDate: iso(d.DisabledDate),
    };
  });
  return groups.filter((g): g is GroupData => g !== undefined).sort(byName);
}
