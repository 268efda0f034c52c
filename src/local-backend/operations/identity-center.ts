import { randomBytes } from "node:crypto";
import { fail } from "../errors.js";
import type { Sim } from "../sim.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";

export interface IdentityProviderRow {
  org_id: string;
  authentication_mode: "IDENTITY_PROVIDER_ONLY" | "IDENTITY_PROVIDER_AND_DIRECTORY";
  instance_arn: string;
  application_arn: string;
  pat_status: "ACTIVE" | "INACTIVE";
  pat_lifetime_days: number | null;
  modified_at: number;
}

export function readIdentityProviderConfig(sim: Sim, orgId: string): IdentityProviderRow | undefined {
  return sim.db
    .prepare<[string], IdentityProviderRow>("SELECT * FROM identity_provider_configs WHERE org_id = ?")
    .get(orgId);
}

/** `arn:aws:sso:::instance/ssoins-...` -> `ssoins-...`. */
function instanceIdOf(instanceArn: string): string {
  return instanceArn.slice(instanceArn.lastIndexOf("/") + 1);
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function applicationSuffix(): string {
  return [...randomBytes(16)].map((b) => ALNUM[b % ALNUM.length]).join("");
}

export const identityCenterHandlers: Handlers = {
  CreateIdentityCenterApplication(sim, input) {
    if (input.ClientToken !== undefined) {
      const previous = sim.db
        .prepare<[string], { arn: string; name: string; instance_arn: string }>(
          "SELECT arn, name, instance_arn FROM idc_applications WHERE client_token = ?",
        )
        .get(input.ClientToken);
      if (previous !== undefined) {
        if (previous.name !== input.Name || previous.instance_arn !== input.InstanceArn) {
          throw fail.invalidParameter("The client token was already used for a request with other parameters.");
        }
        return { ApplicationArn: previous.arn };
      }
    }
    const arn = `arn:aws:sso::${sim.accountId}:application/${instanceIdOf(input.InstanceArn)}/apl-${applicationSuffix()}`;
    sim.db
      .prepare(
        "INSERT INTO idc_applications (arn, name, instance_arn, client_token, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(arn, input.Name, input.InstanceArn, input.ClientToken ?? null, sim.now.getTime());
    return { ApplicationArn: arn };
  },

  DeleteIdentityCenterApplication(sim, input) {
    const user = sim.db
      .prepare<[string], { org_id: string }>(
        `SELECT c.org_id FROM identity_provider_configs c JOIN organizations o ON o.id = c.org_id
         WHERE c.application_arn = ? AND o.deleting_at IS NULL`,
      )
      .get(input.ApplicationArn);
    if (user !== undefined) {
      throw fail.organizationState(
        `Organization ${user.org_id} still uses this application; delete its identity provider configuration first.`,
      );
    }
    sim.db.prepare("DELETE FROM idc_applications WHERE arn = ?").run(input.ApplicationArn);
    return {};
  },

  PutIdentityProviderConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const idc = input.IdentityCenterConfiguration;
    const app = sim.db
      .prepare<[string], { instance_arn: string }>("SELECT instance_arn FROM idc_applications WHERE arn = ?")
      .get(idc.ApplicationArn as string);
    if (app === undefined)
      throw fail.resourceNotFound(`The Identity Center application ${idc.ApplicationArn} does not exist.`);
    if (app.instance_arn !== idc.InstanceArn) {
      throw fail.invalidParameter(
        `The application ${idc.ApplicationArn} belongs to the Identity Center instance ${app.instance_arn}, not ${idc.InstanceArn}.`,
      );
    }
    const pat = input.PersonalAccessTokenConfiguration;
    sim.db
      .prepare(
        `INSERT INTO identity_provider_configs (org_id, authentication_mode, instance_arn, application_arn, pat_status, pat_lifetime_days, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(org_id) DO UPDATE SET authentication_mode = excluded.authentication_mode, instance_arn = excluded.instance_arn,
           application_arn = excluded.application_arn, pat_status = excluded.pat_status, pat_lifetime_days = excluded.pat_lifetime_days,
           modified_at = excluded.modified_at`,
      )
      .run(
        org.id,
        input.AuthenticationMode,
        idc.InstanceArn,
        idc.ApplicationArn,
        pat.Status,
        pat.LifetimeInDays ?? null,
        sim.now.getTime(),
      );
    return {};
  },

  DescribeIdentityProviderConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = readIdentityProviderConfig(sim, org.id);
    if (row === undefined)
      throw fail.resourceNotFound(`Organization ${org.id} has no identity provider configuration.`);
    return {
      AuthenticationMode: row.authentication_mode,
      IdentityCenterConfiguration: { InstanceArn: row.instance_arn, ApplicationArn: row.application_arn },
      PersonalAccessTokenConfiguration: {
        Status: row.pat_status,
        ...(row.pat_lifetime_days === null ? {} : { LifetimeInDays: row.pat_lifetime_days }),
      },
    };
  },

  DeleteIdentityProviderConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db.prepare("DELETE FROM identity_provider_configs WHERE org_id = ?").run(org.id);
    return {};
  },
};
