import { createBackend, requireSimulator, type OpenBackend } from "../backend/create-backend.js";
import type { HostedZonesApi } from "../backend/hosted-zones.js";
import type { SimulatorControl } from "../backend/simulator-control.js";
import { paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { CancelledError, NotFoundError, UsageError } from "../errors/cli-error.js";
import type { IOStreams } from "../io/iostreams.js";
import type { Output } from "../output/output.js";
import type { Prompter } from "../prompts/prompter.js";
import type { ConfigStore } from "./config-store.js";
import { EntityResolver } from "./entity-resolver.js";
import type { Env } from "./paths.js";
import { obtainPassword, type ObtainedPassword, type PasswordSource } from "./secrets.js";
import type { Settings } from "./settings.js";

export const ORGANIZATION_ID = /^m-[0-9a-f]{32}$/;

export interface OrganizationRef {
  readonly id: string;
  readonly alias: string | undefined;
}

/**
 * What a command's run function gets: streams, output, settings, prompts, and lazily built
 * services. Nothing here touches process.* (the CLI entry passes them in).
 */
export interface CommandContext {
  readonly io: IOStreams;
  readonly env: Env;
  readonly settings: Settings;
  readonly out: Output;
  readonly prompter: Prompter;
  readonly config: ConfigStore;
  /** The WorkMail port, built on first use. */
  backend(): Promise<WorkMailApi>;
  /** Control of the local simulator (clock, state, test mail); a usage error on the aws backend. */
  simulator(): Promise<SimulatorControl>;
  /** Hosted zones: Route 53 on the aws backend, the simulator's zones on the local backend. */
  hostedZones(): Promise<HostedZonesApi>;
  /** The organization id from --org / WMCTL_ORG / the profile, resolved from an alias if needed. */
  org(): Promise<string>;
  orgRef(): Promise<OrganizationRef>;
  /** An organization named on the command line (alias or id), whatever --org says. */
  resolveOrg(ref: string): Promise<OrganizationRef>;
  /** Names, emails and ids of users, groups and resources. */
  readonly resolve: EntityResolver;
  /** Asks before a destructive step; --yes skips it; without a terminal it needs --yes. */
  confirm(question: string): Promise<void>;
  password(source: PasswordSource, options?: { optional?: boolean }): Promise<ObtainedPassword | undefined>;
  /** A --debug line on stderr. */
  debug(line: string): void;
  close(): Promise<void>;
}

export interface ContextDeps {
  readonly io: IOStreams;
  readonly env: Env;
  readonly settings: Settings;
  readonly out: Output;
  readonly prompter: Prompter;
  readonly config: ConfigStore;
}

export function createContext(deps: ContextDeps): CommandContext {
  const { io, settings, out, prompter } = deps;
  let opened: Promise<OpenBackend> | undefined;
  let orgRef: Promise<OrganizationRef> | undefined;
  const debug = (line: string) => {
    if (settings.debug) io.stderr.write(`[debug] ${line}\n`);
  };
  const open = () => (opened ??= createBackend(settings, debug));
  const backend = async () => (await open()).api;
  const ctx: CommandContext = {
    ...deps,
    backend,
    simulator: async () => requireSimulator(await open()),
    hostedZones: async () => (await open()).hostedZones(),
    org: async () => (await ctx.orgRef()).id,
    orgRef: () => (orgRef ??= resolveOrganization(backend, settings.org)),
    resolveOrg: (ref) => resolveOrganization(backend, ref),
    resolve: new EntityResolver(backend, () => ctx.org()),
    async confirm(question) {
      if (settings.yes) return;
      if (!prompter.canPrompt) throw new UsageError(`${question.replace(/\?$/, "")}: confirmation needed`, "pass --yes to confirm without a prompt");
      if (!(await prompter.confirm(question, { flag: "--yes", default: false }))) throw new CancelledError();
    },
    password: (source, options = {}) => obtainPassword(source, io, prompter, { ...options, warn: (m) => out.warn(m) }),
    debug,
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return ctx;
}

async function resolveOrganization(backend: () => Promise<WorkMailApi>, ref: string | undefined): Promise<OrganizationRef> {
  if (ref !== undefined && ORGANIZATION_ID.test(ref)) return { id: ref, alias: undefined };
  const api = await backend();
  const live: { id: string; alias: string | undefined }[] = [];
  for await (const o of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
    if (o.OrganizationId === undefined || o.State === "Deleted" || o.State === "Deleting") continue;
    if (ref !== undefined && o.Alias?.toLowerCase() === ref.toLowerCase()) return { id: o.OrganizationId, alias: o.Alias };
    live.push({ id: o.OrganizationId, alias: o.Alias });
  }
  if (ref !== undefined) throw new NotFoundError(`no organization with alias or id "${ref}"`, "see `wmctl org list`");
  const only = live[0];
  if (live.length === 1 && only !== undefined) return only;
  if (live.length === 0) throw new UsageError("there is no organization yet", "create one: wmctl org create ALIAS (or run `wmctl quickstart`)");
  throw new UsageError(`no organization selected (${live.length} exist)`, "pass --org ALIAS, or set a default: wmctl org use ALIAS");
}
