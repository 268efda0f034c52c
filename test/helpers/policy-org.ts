import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend } from "../../src/local-backend/index.js";
import { targetApi, type TargetApi } from "./wire-target.js";

/**
 * A fresh simulator store with one organization, for API-level tests (groups, resources, the policy
 * areas). `api` is the WorkMail API the way this run reaches it (in-process, or the real SDK against
 * the served store: see wire-target.ts); `backend` is the store itself, for the clock and tables.
 */
export interface PolicyOrg {
  readonly dir: string;
  readonly backend: LocalBackend & WorkMailApi;
  readonly api: WorkMailApi;
  readonly target: TargetApi;
  readonly org: string;
  /** Creates a user (CreateUser + RegisterToWorkMail unless enable=false); returns its id. */
  user(name: string, enable?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openPolicyOrg(
  options: { dir?: string; region?: string; alias?: string } = {},
): Promise<PolicyOrg> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "wmctl-policies-"));
  const backend = await LocalBackend.open({ dir, region: options.region ?? "us-east-1" });
  const target = await targetApi(dir, backend);
  const api = target.api;
  const alias = options.alias ?? "acme";
  const org = (await api.createOrganization({ Alias: alias })).OrganizationId as string;
  return {
    dir,
    backend,
    api,
    target,
    org,
    async user(name, enable = true) {
      const id = (await api.createUser({ OrganizationId: org, Name: name, DisplayName: name, Password: "Passw0rd!x" }))
        .UserId as string;
      if (enable)
        await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@${alias}.awsapps.com` });
      return id;
    },
    async close() {
      await target.close();
      backend.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The error a call fails with (fails the test when it succeeds). */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}
