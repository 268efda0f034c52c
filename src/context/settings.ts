import { UsageError } from "../errors/cli-error.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../output/format.js";
import type { ConfigStore } from "./config-store.js";
import { dataDir, type Env } from "./paths.js";
import { AWS_REGION_PATTERN, DEFAULT_PROFILE, type Profile } from "./profile.js";

/** The global flags as commander parsed them (all optional). */
export interface GlobalFlags {
  profile?: string;
  backend?: string;
  region?: string;
  endpointUrl?: string;
  org?: string;
  output?: string;
  json?: boolean;
  fields?: string;
  wide?: boolean;
  sort?: string;
  yes?: boolean;
  /** commander's `--no-input` sets input=false. */
  input?: boolean;
  quiet?: boolean;
  debug?: boolean;
  /** commander's `--no-color` sets color=false. */
  color?: boolean;
}

type BackendKind = "local" | "aws";

/** Everything a command needs to know about where and how it runs, resolved once. */
export interface Settings {
  readonly profileName: string;
  readonly profile: Profile;
  /** --profile / WMCTL_PROFILE named a profile that does not exist (only `config` may create it). */
  readonly profileMissing: boolean;
  readonly backend: BackendKind;
  readonly region: string | undefined;
  readonly endpointUrl: string | undefined;
  /** WMCTL_ROUTE53_ENDPOINT_URL: another Route 53 endpoint (a test server); normally --endpoint-url's or AWS's. */
  readonly route53EndpointUrl: string | undefined;
  readonly awsProfile: string | undefined;
  /** --org / WMCTL_ORG / the profile's default organization: an alias or an id. */
  readonly org: string | undefined;
  /** Undefined when nothing chose a format: a table on a terminal, TSV when piped. */
  readonly output: OutputFormat | undefined;
  readonly fields: string | undefined;
  readonly yes: boolean;
  readonly noInput: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  readonly colorFlag: boolean | undefined;
  readonly configDir: string;
  readonly dataDir: string;
  readonly maxAttempts: number | undefined;
  /** Where each resolved setting came from (`wmctl config get`): "--region", "WMCTL_REGION", "profile prod", "default". */
  readonly sources: Readonly<
    Partial<
      Record<
        "backend" | "region" | "endpointUrl" | "organizationId" | "output" | "dataDir" | "maxAttempts" | "awsProfile",
        string
      >
    >
  >;
}

export const ENV_VARS: ReadonlyArray<{ name: string; flag?: string; describe: string }> = [
  { name: "WMCTL_PROFILE", flag: "--profile", describe: "profile to use" },
  { name: "WMCTL_BACKEND", flag: "--backend", describe: "local or aws" },
  { name: "WMCTL_REGION", flag: "--region", describe: "AWS region (the local simulator defaults to us-east-1)" },
  {
    name: "WMCTL_ENDPOINT_URL",
    flag: "--endpoint-url",
    describe:
      "endpoint for every service wmctl uses (WorkMail, Route 53, S3), e.g. a served simulator; implies the aws backend",
  },
  { name: "WMCTL_ORG", flag: "--org", describe: "organization alias or id" },
  { name: "WMCTL_OUTPUT", flag: "--output", describe: "table, tsv, json, ndjson or csv" },
  { name: "WMCTL_YES", flag: "--yes", describe: "1 to confirm destructive actions without a prompt" },
  { name: "WMCTL_NO_INPUT", flag: "--no-input", describe: "1 to never prompt" },
  { name: "WMCTL_QUIET", flag: "--quiet", describe: "1 to drop status lines" },
  { name: "WMCTL_DEBUG", flag: "--debug", describe: "1 to show stack traces and wire requests" },
  {
    name: "WMCTL_HOME",
    describe: "one folder for config.json and the local store (default: XDG config and data dirs)",
  },
  { name: "WMCTL_MAX_ATTEMPTS", describe: "attempts per AWS call, retries included" },
  {
    name: "WMCTL_ROUTE53_ENDPOINT_URL",
    describe: "Route 53 endpoint for `domain apply` on the aws backend (default: --endpoint-url, else AWS's)",
  },
  { name: "NO_COLOR", flag: "--no-color", describe: "any value turns colour off" },
  {
    name: "COLUMNS",
    describe: "table width (default: the terminal's; tables into a pipe or file are not limited; --wide: never)",
  },
  {
    name: "NODE_DISABLE_COMPILE_CACHE",
    describe:
      "1 to start without the code cache (kept beside the bundle, else in $XDG_CACHE_HOME/wmctl: ~/.cache/wmctl)",
  },
  { name: "AWS_PROFILE, AWS_REGION, AWS_ACCESS_KEY_ID ...", describe: "read by the AWS SDK on the aws backend" },
];

export function resolveSettings(flags: GlobalFlags, env: Env, store: ConfigStore): Settings {
  const file = store.read();
  const profileName = flags.profile ?? nonEmpty(env.WMCTL_PROFILE) ?? file.currentProfile ?? DEFAULT_PROFILE;
  const profile = file.profiles[profileName] ?? {};
  const named = flags.profile ?? nonEmpty(env.WMCTL_PROFILE);
  const profileMissing = named !== undefined && file.profiles[named] === undefined && named !== DEFAULT_PROFILE;

  const endpointUrl = flags.endpointUrl ?? nonEmpty(env.WMCTL_ENDPOINT_URL) ?? profile.endpointUrl;
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(endpointUrl)) {
    throw new UsageError(`invalid endpoint URL "${endpointUrl}"`, "use http://host:port or https://host");
  }
  const explicitBackend = flags.backend ?? nonEmpty(env.WMCTL_BACKEND);
  if (explicitBackend !== undefined && explicitBackend !== "local" && explicitBackend !== "aws") {
    throw new UsageError(`invalid backend "${explicitBackend}"`, "use local or aws");
  }
  const endpointGiven = flags.endpointUrl !== undefined || nonEmpty(env.WMCTL_ENDPOINT_URL) !== undefined;
  const backend: BackendKind =
    (explicitBackend as BackendKind | undefined) ??
    (endpointGiven ? "aws" : undefined) ??
    profile.backend ??
    (profile.endpointUrl ? "aws" : "local");

  const outputRaw = flags.json ? "json" : (flags.output ?? nonEmpty(env.WMCTL_OUTPUT) ?? profile.output);
  if (flags.json && flags.output !== undefined && flags.output !== "json") {
    throw new UsageError(`--json conflicts with --output ${flags.output}`);
  }
  let output: OutputFormat | undefined;
  if (outputRaw !== undefined) {
    const lower = outputRaw.toLowerCase();
    if (!(OUTPUT_FORMATS as readonly string[]).includes(lower)) {
      throw new UsageError(`invalid output format "${outputRaw}"`, `use one of: ${OUTPUT_FORMATS.join(", ")}`);
    }
    output = lower as OutputFormat;
  }

  const maxAttemptsRaw = nonEmpty(env.WMCTL_MAX_ATTEMPTS);
  let maxAttempts = profile.maxAttempts;
  if (maxAttemptsRaw !== undefined) {
    const n = Number(maxAttemptsRaw);
    if (!Number.isInteger(n) || n < 1 || n > 20)
      throw new UsageError(`WMCTL_MAX_ATTEMPTS must be a whole number from 1 to 20, got "${maxAttemptsRaw}"`);
    maxAttempts = n;
  }

  // The region goes into ARNs, endpoints and the simulator's store: an AWS region name or nothing,
  // on either backend.
  const regionGiven =
    flags.region !== undefined
      ? { value: flags.region, from: "--region" }
      : nonEmpty(env.WMCTL_REGION) !== undefined
        ? { value: env.WMCTL_REGION as string, from: "WMCTL_REGION" }
        : undefined;
  if (regionGiven !== undefined && !new RegExp(AWS_REGION_PATTERN).test(regionGiven.value)) {
    throw new UsageError(
      `${regionGiven.from} ${JSON.stringify(regionGiven.value)} is not an AWS region name (like us-east-1)`,
    );
  }
  const inProfile = `profile ${profileName}`;
  const from = (...c: Array<[unknown, string]>): string | undefined =>
    c.find(([v]) => v !== undefined && v !== false)?.[1];
  const sources = {
    backend: from(
      [flags.backend, "--backend"],
      [nonEmpty(env.WMCTL_BACKEND), "WMCTL_BACKEND"],
      [flags.endpointUrl, "--endpoint-url (implies aws)"],
      [nonEmpty(env.WMCTL_ENDPOINT_URL), "WMCTL_ENDPOINT_URL (implies aws)"],
      [profile.backend, inProfile],
      [profile.endpointUrl, `the endpointUrl of ${inProfile} (implies aws)`],
      [true, "default"],
    ),
    region: from(
      [flags.region, "--region"],
      [nonEmpty(env.WMCTL_REGION), "WMCTL_REGION"],
      [profile.region, inProfile],
      [backend === "local" || undefined, "default of the local backend"],
    ),
    endpointUrl: from(
      [flags.endpointUrl, "--endpoint-url"],
      [nonEmpty(env.WMCTL_ENDPOINT_URL), "WMCTL_ENDPOINT_URL"],
      [profile.endpointUrl, inProfile],
    ),
    organizationId: from(
      [flags.org, "--org"],
      [nonEmpty(env.WMCTL_ORG), "WMCTL_ORG"],
      [profile.organizationId, inProfile],
    ),
    output: from(
      [flags.json, "--json"],
      [flags.output, "--output"],
      [nonEmpty(env.WMCTL_OUTPUT), "WMCTL_OUTPUT"],
      [profile.output, inProfile],
    ),
    dataDir: from(
      [profile.dataDir, inProfile],
      [true, nonEmpty(env.WMCTL_HOME) ? "WMCTL_HOME" : "default (XDG data dir)"],
    ),
    maxAttempts: from([maxAttemptsRaw, "WMCTL_MAX_ATTEMPTS"], [profile.maxAttempts, inProfile]),
    awsProfile: from([profile.awsProfile, inProfile]),
  };

  return {
    sources,
    profileName,
    profile,
    profileMissing,
    backend,
    region: regionGiven?.value ?? profile.region ?? (backend === "local" ? "us-east-1" : undefined),
    endpointUrl,
    route53EndpointUrl: nonEmpty(env.WMCTL_ROUTE53_ENDPOINT_URL),
    awsProfile: profile.awsProfile,
    org: flags.org ?? nonEmpty(env.WMCTL_ORG) ?? profile.organizationId,
    output,
    fields: flags.fields,
    yes: flags.yes === true || truthy(env.WMCTL_YES),
    noInput: flags.input === false || truthy(env.WMCTL_NO_INPUT),
    quiet: flags.quiet === true || truthy(env.WMCTL_QUIET),
    debug: flags.debug === true || truthy(env.WMCTL_DEBUG),
    colorFlag: flags.color === false ? false : undefined,
    configDir: store.dir,
    dataDir: profile.dataDir ?? dataDir(env),
    maxAttempts,
  };
}

/** With no format chosen: an aligned table on a terminal, tab-separated rows when piped (gh's rule). */
export function effectiveFormat(settings: Settings, isStdoutTTY: boolean): OutputFormat {
  return settings.output ?? (isStdoutTTY ? "table" : "tsv");
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === "" ? undefined : s;
}

function truthy(s: string | undefined): boolean {
  return s !== undefined && /^(1|true|yes|on)$/i.test(s);
}
