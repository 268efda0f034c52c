import type { Sim } from "../sim.js";
import { insertDefaultAccessRule } from "./access-rules-store.js";
import { insertDefaultMobileRule } from "./mobile-access-store.js";

/**
 * What every new organization starts with besides its directory and test domain (called by
 * CreateOrganization, in its transaction): the default access control rule and the default mobile
 * device access rule, both allowing everything. (DMARC enforcement is on by default without a row.)
 */
export function applyOrganizationDefaults(sim: Sim, orgId: string): void {
  insertDefaultAccessRule(sim, orgId);
  insertDefaultMobileRule(sim, orgId);
}
