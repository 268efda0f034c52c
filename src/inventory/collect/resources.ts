import { collect, paginate } from "../../backend/paginate.js";
import type { MemberRef, ResourceData } from "../document.js";
import { unlessGone } from "../service-errors.js";
import { aliasesOfEntity } from "./aliases.js";
import { byName, iso, text, type CollectContext } from "./collect-context.js";
import { fanOut } from "../fan-out.js";

/** DescribeResource (type, description, booking options), ListResourceDelegates and ListAliases for every live resource. */
export async function collectResources(ctx: CollectContext): Promise<ResourceData[]> {
  const { api, orgId } = ctx;
  const resources = await fanOut(ctx.directory.all("RESOURCE"), async (e): Promise<ResourceData | undefined> => {
    const [d, delegates, aliases] = await Promise.all([
      unlessGone(api.describeResource({ OrganizationId: orgId, ResourceId: e.id })),
      unlessGone(
        collect(
          paginate(
            (t) => api.listResourceDelegates({ OrganizationId: orgId, ResourceId: e.id, NextToken: t }),
            "Delegates",
          ),
        ),
      ),
      unlessGone(aliasesOfEntity(api, orgId, e)),
    ]);
    if (d === undefined || delegates === undefined || aliases === undefined || d.State === "DELETED") return undefined;
    const refs: MemberRef[] = [];
    for (const del of delegates) {
      const name = del.Id === undefined ? undefined : ctx.directory.nameOf(del.Id);
      if (name === undefined) {
        ctx.warn(`resource ${e.name}: delegate ${del.Id ?? "?"} is not a known user or group; left out`);
        continue;
      }
      refs.push({ name, type: del.Type === "GROUP" ? "GROUP" : "USER" });
    }
    const b = d.BookingOptions ?? {};
    return {
      name: d.Name ?? e.name,
      id: e.id,
      email: text(d.Email)?.toLowerCase(),
      state: d.State ?? e.state,
      type: d.Type ?? "ROOM",
      description: text(d.Description),
      hidden: d.HiddenFromGlobalAddressList === true,
      bookingOptions: {
        autoAcceptRequests: b.AutoAcceptRequests === true,
        autoDeclineRecurringRequests: b.AutoDeclineRecurringRequests === true,
        autoDeclineConflictingRequests: b.AutoDeclineConflictingRequests === true,
      },
      delegates: refs.sort(byName),
      aliases,
      enabledDate: iso(d.EnabledDate),
      disabledDate: iso(d.DisabledDate),
    };
  });
  return resources.filter((r): r is ResourceData => r !== undefined).sort(byName);
}
