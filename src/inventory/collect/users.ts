import { USER_ATTRIBUTE_MEMBERS, USER_ATTRIBUTES } from "../../backend/user-attributes.js";
import type { UserData } from "../document.js";
import { unlessGone } from "../service-errors.js";
import { aliasesOfEntity } from "./aliases.js";
import { byName, iso, text, type CollectContext } from "./collect-context.js";
import { fanOut } from "../fan-out.js";

/** DescribeUser (names, attributes, role, state, visibility) and ListAliases for every live user. */
export async function collectUsers(ctx: CollectContext): Promise<UserData[]> {
  const { api, orgId } = ctx;
  const users = await fanOut(ctx.directory.all("USER"), async (e): Promise<UserData | undefined> => {
    const [d, aliases] = await Promise.all([
      unlessGone(api.describeUser({ OrganizationId: orgId, UserId: e.id })),
      unlessGone(aliasesOfEntity(api, orgId, e)),
    ]);
    if (d === undefined || aliases === undefined || d.State === "DELETED") return undefined;
    const user: UserData = {
      name: d.Name ?? e.name,
      id: e.id,
      email: text(d.Email)?.toLowerCase(),
      state: d.State ?? e.state,
      role: d.UserRole ?? e.role ?? "USER",
      displayName: text(d.DisplayName),
      hidden: d.HiddenFromGlobalAddressList === true,
      identityProviderUserId: text(d.IdentityProviderUserId),
      aliases,
      enabledDate: iso(d.EnabledDate),
      disabledDate: iso(d.DisabledDate),
    };
    for (const a of USER_ATTRIBUTES) {
      const v = text(d[USER_ATTRIBUTE_MEMBERS[a]] as string | undefined);
      if (v !== undefined) user[a] = v;
    }
    return user;
  });
  return users.filter((u): u is UserData => u !== undefined).sort(byName);
}
