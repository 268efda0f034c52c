import type { ContractCases } from "../support.js";
import { coverageCases } from "./coverage.js";
import { lifecycleCases } from "./lifecycle.js";
import { organizationCases } from "./organizations.js";
import { paginationCases } from "./pagination.js";
import { registrationCases } from "./registration.js";
import { userCases } from "./users.js";

/**
 * Every area's contract cases, run against each target by contract.test.ts. An area adds its file
 * here (test/contract/cases/<area>.ts exporting a ContractCases).
 */
export const CONTRACT_CASES: Readonly<Record<string, ContractCases>> = {
  organizations: organizationCases,
  users: userCases,
  registration: registrationCases,
  pagination: paginationCases,
  lifecycles: lifecycleCases,
  coverage: coverageCases,
};
