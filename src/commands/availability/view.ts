import { randomUUID } from "node:crypto";
import type {
  AvailabilityConfiguration,
  EwsAvailabilityProvider,
  LambdaAvailabilityProvider,
} from "@aws-sdk/client-workmail";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { CommandContext } from "../../context/context.js";
import { UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";

export interface AvailabilityView {
  domain: string | undefined;
  provider: string | undefined;
  /** The EWS URL or the Lambda function ARN. */
  endpoint: string | undefined;
  ewsUsername: string | undefined;
  created: Date | undefined;
  modified: Date | undefined;
}

const AVAILABILITY_FIELDS = ["domain", "provider", "endpoint", "ewsUsername", "created", "modified"] as const;
export const availabilityListOutput: OutputSpec = {
  fields: AVAILABILITY_FIELDS,
  columns: ["domain", "provider", "endpoint", "ewsUsername"],
  list: true,
  empty: "no availability providers",
};
export const availabilityRecordOutput: OutputSpec = {
  fields: AVAILABILITY_FIELDS,
  columns: ["domain", "provider", "endpoint", "ewsUsername", "created", "modified"],
};

export function availabilityView(c: AvailabilityConfiguration): AvailabilityView {
  return {
    domain: c.DomainName,
    provider: c.ProviderType,
    endpoint: c.EwsProvider?.EwsEndpoint ?? c.LambdaProvider?.LambdaArn,
    ewsUsername: c.EwsProvider?.EwsUsername,
    created: c.DateCreated,
    modified: c.DateModified,
  };
}

/** The provider flags of create, update and test. The EWS password is never a flag. */
export const PROVIDER_OPTIONS = {
  ewsUrl: {
    kind: "string",
    placeholder: "url",
    describe: "EWS provider: the Exchange EWS URL, e.g. https://mail.example.com/EWS/Exchange.asmx",
  },
  ewsUser: { kind: "string", placeholder: "email", describe: "EWS provider: the service account's email address" },
  passwordStdin: { kind: "boolean", describe: "EWS provider: read the service account's password from stdin" },
  passwordFile: { kind: "string", placeholder: "file", describe: "EWS provider: read the password from this file" },
  lambdaArn: { kind: "string", placeholder: "arn", describe: "Custom availability provider: the Lambda function ARN" },
} as const;

export interface ProviderFlags {
  ewsUrl?: string | undefined;
  ewsUser?: string | undefined;
  passwordStdin: boolean;
  passwordFile?: string | undefined;
  lambdaArn?: string | undefined;
}

export const PROVIDER_HELP =
  "EWS: --ews-url and --ews-user, and the password from --password-stdin, --password-file or a prompt\n" +
  "(it is stored by WorkMail and never shown again). Custom availability provider: --lambda-arn; grant\n" +
  "availability.workmail.<region>.amazonaws.com lambda:InvokeFunction with your account and organization\n" +
  "as source (CAP is offered in us-east-1, us-west-2 and eu-west-1).";

export type Provider = { EwsProvider: EwsAvailabilityProvider } | { LambdaProvider: LambdaAvailabilityProvider };

/** A provider as the flags describe it, checked, without the EWS password (for plans and messages). */
export type ProviderSummary =
  | { provider: "EWS"; endpoint: string; ewsUsername: string }
  | { provider: "LAMBDA"; endpoint: string };

export function hasProviderFlags(f: ProviderFlags): boolean {
  return f.ewsUrl !== undefined || f.ewsUser !== undefined || f.lambdaArn !== undefined;
}

/** Exactly one provider from the flags, checked before any call (and under --dry-run); no password yet. */
export function checkProviderFlags(f: ProviderFlags): ProviderSummary {
  const ews = f.ewsUrl !== undefined || f.ewsUser !== undefined;
  if (ews && f.lambdaArn !== undefined)
    throw new UsageError("give an EWS provider (--ews-url, --ews-user) or --lambda-arn, not both");
  if (f.lambdaArn !== undefined) return { provider: "LAMBDA", endpoint: f.lambdaArn };
  if (!ews) throw new UsageError("missing the provider", "give --ews-url and --ews-user, or --lambda-arn");
  if (f.ewsUrl === undefined || f.ewsUser === undefined)
    throw new UsageError("an EWS provider needs both --ews-url and --ews-user");
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]+)?\/.*$/.test(f.ewsUrl))
    throw new UsageError(
      `--ews-url "${f.ewsUrl}" is not an http(s) URL with a path`,
      "e.g. https://mail.example.com/EWS/Exchange.asmx",
    );
  return { provider: "EWS", endpoint: f.ewsUrl, ewsUsername: f.ewsUser };
}

/** The checked provider for the API; the EWS password comes from stdin, a file or a prompt. */
export async function providerFromFlags(ctx: CommandContext, f: ProviderFlags): Promise<Provider> {
  const p = checkProviderFlags(f);
  if (p.provider === "LAMBDA") return { LambdaProvider: { LambdaArn: p.endpoint } };
  const pw = await ctx.password({ stdin: f.passwordStdin, file: f.passwordFile });
  return { EwsProvider: { EwsEndpoint: p.endpoint, EwsUsername: p.ewsUsername, EwsPassword: pw?.password as string } };
}

/** A domain's saved provider, if it has one (domains are kept in lower case). */
export async function findAvailability(
  api: WorkMailApi,
  orgId: string,
  domain: string,
): Promise<AvailabilityConfiguration | undefined> {
  const wanted = domain.toLowerCase();
  for await (const c of paginate(
    (t) => api.listAvailabilityConfigurations({ OrganizationId: orgId, NextToken: t }),
    "AvailabilityConfigurations",
  )) {
    if (c.DomainName === wanted) return c;
  }
  return undefined;
}

/**
 * create and update: the flags are checked first (also under --dry-run, which never asks for the
 * password), then the provider is saved and shown as the service has it.
 */
export async function saveProvider(
  ctx: CommandContext,
  domain: string,
  f: ProviderFlags,
  how: { update: boolean; dryRun: boolean },
): Promise<void> {
  const summary = checkProviderFlags(f);
  const name = domain.toLowerCase();
  if (how.dryRun) {
    ctx.out.plan({
      action: how.update ? "UpdateAvailabilityConfiguration" : "CreateAvailabilityConfiguration",
      target: name,
      details: summary,
    });
    return;
  }
  const provider = await providerFromFlags(ctx, f);
  const api = await ctx.backend();
  const org = await ctx.org();
  if (how.update) await api.updateAvailabilityConfiguration({ OrganizationId: org, DomainName: domain, ...provider });
  else
    await api.createAvailabilityConfiguration({
      OrganizationId: org,
      DomainName: domain,
      ClientToken: randomUUID(),
      ...provider,
    });
  ctx.out.status(
    how.update
      ? `Updated the availability provider for ${name} (${summary.provider})`
      : `Added the ${summary.provider} availability provider for ${name}`,
  );
  const saved = await findAvailability(api, org, name);
  if (saved !== undefined) ctx.out.record(availabilityView(saved));
}
