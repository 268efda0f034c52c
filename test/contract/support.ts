import { expect } from "vitest";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import type { ContractTarget } from "./targets.js";

/** One area's contract cases: called inside a describe block, once per target. */
export type ContractCases = (target: () => ContractTarget) => void;

export const PASSWORD = "Correct-Horse-9";

/**
 * Awaits a call that must fail with the service's error `name` (the SDK's exception name over the
 * wire, the simulator's error in-process), a client fault, and (optionally) a message.
 */
export async function expectServiceError(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<Error> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) throw new Error(`expected ${name}, but the call succeeded`);
  const err = caught as Error & { $fault?: string };
  expect({ name: err.name, fault: err.$fault }).toEqual({ name, fault: "client" });
  if (typeof message === "string") expect(err.message).toBe(message);
  else if (message instanceof RegExp) expect(err.message).toMatch(message);
  return err;
}

export async function createOrg(api: WorkMailApi, alias: string): Promise<string> {
  const { OrganizationId } = await api.createOrganization({ Alias: alias });
  return OrganizationId as string;
}

export async function createUser(
  api: WorkMailApi,
  org: string,
  name: string,
  options: { register?: boolean; password?: string } = {},
): Promise<string> {
  const { UserId } = await api.createUser({
    OrganizationId: org,
    Name: name,
    DisplayName: name.toUpperCase(),
    Password: options.password ?? PASSWORD,
  });
  if (options.register)
    await api.registerToWorkMail({
      OrganizationId: org,
      EntityId: UserId as string,
      Email: `${name}@${await testDomain(api, org)}`,
    });
  return UserId as string;
}

export async function testDomain(api: WorkMailApi, org: string): Promise<string> {
  return (await api.describeOrganization({ OrganizationId: org })).DefaultMailDomain as string;
}
