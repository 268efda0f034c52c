import type {
  AvailabilityConfiguration,
  EwsAvailabilityProvider,
  LambdaAvailabilityProvider,
} from "@aws-sdk/client-workmail";
import { fail } from "../errors.js";
import { probeEws, type ProbeResult } from "../ews-probe.js";
import { startPage } from "../pagination.js";
import type { Sim } from "../sim.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import { openSecret, sealSecret } from "../store/secret-box.js";

/** "Only the following Regions are available for use with CAP" (guide: "Granting access"). */
export const CAP_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;

interface AvailabilityRow {
  rid: number;
  org_id: string;
  domain: string;
  provider_type: "EWS" | "LAMBDA";
  ews_endpoint: string | null;
  ews_username: string | null;
  ews_password: string | null;
  lambda_arn: string | null;
  client_token: string | null;
  created_at: number;
  modified_at: number;
}

type Provider = { kind: "EWS"; ews: EwsAvailabilityProvider } | { kind: "LAMBDA"; lambda: LambdaAvailabilityProvider };

/** "The request must contain exactly one provider definition, either EwsProvider or LambdaProvider." */
function exactlyOneProvider(input: {
  EwsProvider?: EwsAvailabilityProvider | undefined;
  LambdaProvider?: LambdaAvailabilityProvider | undefined;
}): Provider {
  if ((input.EwsProvider === undefined) === (input.LambdaProvider === undefined)) {
    throw fail.invalidParameter(
      "The request must contain exactly one provider definition, either EwsProvider or LambdaProvider.",
    );
  }
  return input.EwsProvider !== undefined
    ? { kind: "EWS", ews: input.EwsProvider }
    : { kind: "LAMBDA", lambda: input.LambdaProvider as LambdaAvailabilityProvider };
}

/** The row's provider columns; the EWS password is sealed (AES-256-GCM with the store's key, bound to the org and domain). */
function providerColumns(
  sim: Sim,
  orgId: string,
  domain: string,
  p: Provider,
): [string, string | null, string | null, string | null, string | null] {
  const password =
    p.kind === "EWS" && p.ews.EwsPassword !== undefined
      ? sealSecret(sim.paths, p.ews.EwsPassword, secretContext(orgId, domain))
      : null;
  return p.kind === "EWS"
    ? ["EWS", p.ews.EwsEndpoint ?? null, p.ews.EwsUsername ?? null, password, null]
    : ["LAMBDA", null, null, null, p.lambda.LambdaArn ?? null];
}

const secretContext = (orgId: string, domain: string) => `availability/${orgId}/${domain.toLowerCase()}`;

function storedPassword(paths: Sim["paths"], row: AvailabilityRow): string {
  if (row.ews_password === null) return "";
  try {
    return openSecret(paths, row.ews_password, secretContext(row.org_id, row.domain));
  } catch (e) {
    throw fail.invalidConfiguration(
      `The stored EWS password of ${row.domain} cannot be decrypted: ${(e as Error).message}; set it again with UpdateAvailabilityConfiguration.`,
    );
  }
}

function findConfiguration(sim: Sim, orgId: string, domain: string): AvailabilityRow | undefined {
  return sim.db
    .prepare<[string, string], AvailabilityRow>(
      "SELECT rowid AS rid, * FROM availability_configurations WHERE org_id = ? AND domain = lower(?)",
    )
    .get(orgId, domain);
}

function configurationOutput(row: AvailabilityRow): AvailabilityConfiguration {
  return {
    DomainName: row.domain,
    ProviderType: row.provider_type,
    ...(row.provider_type === "EWS"
      ? { EwsProvider: { EwsEndpoint: row.ews_endpoint ?? undefined, EwsUsername: row.ews_username ?? undefined } }
      : { LambdaProvider: { LambdaArn: row.lambda_arn ?? undefined } }),
    DateCreated: new Date(row.created_at),
    DateModified: new Date(row.modified_at),
  };
}

/**
 * The Lambda check the simulator can make without AWS Lambda: the organization's Region must offer
 * custom availability providers. It does not invoke the function; it assumes the function exists and
 * its resource policy names the WorkMail organization (SourceArn / SourceAccount).
 */
function testLambda(region: string): ProbeResult {
  if (!(CAP_REGIONS as readonly string[]).includes(region)) {
    return {
      passed: false,
      failureReason: `Custom availability providers are only available in ${CAP_REGIONS.join(", ")}, not ${region}.`,
    };
  }
  return { passed: true };
}

export const availabilityHandlers: Handlers = {
  CreateAvailabilityConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const provider = exactlyOneProvider(input);
    const existing = findConfiguration(sim, org.id, input.DomainName);
    if (existing !== undefined) {
      if (input.ClientToken !== undefined && existing.client_token === input.ClientToken) return {};
      throw fail.nameAvailability(
        `An availability configuration for ${input.DomainName.toLowerCase()} already exists.`,
      );
    }
    const now = sim.now.getTime();
    sim.db
      .prepare(
        `INSERT INTO availability_configurations (org_id, domain, provider_type, ews_endpoint, ews_username, ews_password, lambda_arn, client_token, created_at, modified_at)
         VALUES (?, lower(?), ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        org.id,
        input.DomainName,
        ...providerColumns(sim, org.id, input.DomainName, provider),
        input.ClientToken ?? null,
        now,
        now,
      );
    return {};
  },

  UpdateAvailabilityConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const provider = exactlyOneProvider(input);
    const row = findConfiguration(sim, org.id, input.DomainName);
    if (row === undefined)
      throw fail.resourceNotFound(`There is no availability configuration for ${input.DomainName.toLowerCase()}.`);
    sim.db
      .prepare(
        "UPDATE availability_configurations SET provider_type = ?, ews_endpoint = ?, ews_username = ?, ews_password = ?, lambda_arn = ?, modified_at = ? WHERE org_id = ? AND domain = ?",
      )
      .run(...providerColumns(sim, org.id, row.domain, provider), sim.now.getTime(), org.id, row.domain);
    return {};
  },

  DeleteAvailabilityConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db
      .prepare("DELETE FROM availability_configurations WHERE org_id = ? AND domain = lower(?)")
      .run(org.id, input.DomainName);
    return {};
  },

  ListAvailabilityConfigurations(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const pager = startPage("ListAvailabilityConfigurations", input, { org: org.id });
    const rows = sim.db
      .prepare<[string, number, number], AvailabilityRow>(
        "SELECT rowid AS rid, * FROM availability_configurations WHERE org_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
      )
      .all(org.id, Number(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.rid);
    return {
      AvailabilityConfigurations: page.items.map(configurationOutput),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  TestAvailabilityConfiguration: {
    async: async (ctx, input) => {
      // "The request must contain either one provider definition (EwsProvider or LambdaProvider) or the DomainName parameter."
      const given = [input.DomainName, input.EwsProvider, input.LambdaProvider].filter((x) => x !== undefined).length;
      if (given !== 1) {
        throw fail.invalidParameter(
          "The request must contain either one provider definition (EwsProvider or LambdaProvider) or the DomainName parameter.",
        );
      }
      const target = ctx.tx((sim): Provider => {
        const org = requireOrganization(sim, input.OrganizationId);
        if (input.DomainName === undefined) return exactlyOneProvider(input);
        const row = findConfiguration(sim, org.id, input.DomainName);
        if (row === undefined)
          throw fail.resourceNotFound(`There is no availability configuration for ${input.DomainName.toLowerCase()}.`);
        return row.provider_type === "EWS"
          ? {
              kind: "EWS",
              ews: {
                EwsEndpoint: row.ews_endpoint ?? "",
                EwsUsername: row.ews_username ?? "",
                EwsPassword: storedPassword(sim.paths, row),
              },
            }
          : { kind: "LAMBDA", lambda: { LambdaArn: row.lambda_arn ?? "" } };
      });
      const result =
        target.kind === "EWS"
          ? await probeEws(target.ews.EwsEndpoint ?? "", target.ews.EwsUsername ?? "", target.ews.EwsPassword ?? "")
          : testLambda(ctx.region);
      return {
        TestPassed: result.passed,
        ...(result.failureReason === undefined ? {} : { FailureReason: result.failureReason }),
      };
    },
  },
};
