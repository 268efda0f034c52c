import type { InventoryArea } from "./area.js";
import { accessRulesArea } from "./areas/access-rules.js";
import { availabilityArea } from "./areas/availability.js";
import { identityProviderArea } from "./areas/identity-provider.js";
import { impersonationRolesArea } from "./areas/impersonation-roles.js";
import { mobileAccessArea } from "./areas/mobile-access.js";
import { orgSettingsArea } from "./areas/org-settings.js";
import { retentionArea } from "./areas/retention.js";
import { tagsArea } from "./areas/tags.js";

/** Every area `org inventory` writes and `org restore` re-creates, in restore order. */
export const INVENTORY_AREAS: ReadonlyArray<InventoryArea> = [
  // Policies and settings (issue #6): after users; impersonation roles before the access rules that name them.
  impersonationRolesArea,
  accessRulesArea,
  mobileAccessArea,
  retentionArea,
  orgSettingsArea,
  availabilityArea,
  identityProviderArea,
  tagsArea,
] as ReadonlyArray<InventoryArea>;
