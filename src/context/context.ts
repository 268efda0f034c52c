import { createBackend, requireSimulator, type OpenBackend } from "../backend/create-backend.js";
import type { ExportPrereqsPort } from "../backend/export-prereqs.js";
import type { ExportStorage } from "../backend/export-storage.js";
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

const ORGANIZATION_ID = /^m-[0-9a-f]{32}$/;

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
  /**
   * The simulator behind the backend, if any: the in-process one on the local backend; with
   * --endpoint-url, the served one there (asked once whether it is a wmctl simulator). Against AWS
   * or another endpoint: no control, and why.
   */
  findSimulator(): Promise<FoundSimulator>;
  /** Where mailbox export jobs write: the simulator's bucket folders, or S3 (lazy). */
  exportStorage(): Promise<ExportStorage>;
  /** S3, KMS and IAM for export prerequisites (lazy); undefined on the local backend. */
  exportPrereqs(): Promise<ExportPrereqsPort | undefined>;
  /** Hosted zones: Route 53 on the aws backend, the simulator's zones on the local backend. */
  hostedZones(): Promise<HostedZonesApi>;
  /** The organization id from --org / WMCTL_ORG / the profile, resolved from an alias if needed. */
  org(): Promise<string>;
  orgRef(): Promise<OrganizationRef>;
  /**
   * The organization this command has resolved so far, if any, with its alias (looked up once when
   * it was named by id): errors name it by alias. Never fails.
   */
  knownOrg(): Promise<OrganizationRef | undefined>;
  /** An organization named on the command line (alias or id), whatever --org says. */
  resolveOrg(ref: string): Promise<OrganizationRef>;
  /** Makes `org()` and name resolution act on this organization for the rest of the command. */
  selectOrg(ref: OrganizationRef): void;
  /** Names, emails and ids of users, groups and resources. */
  readonly resolve: EntityResolver;
  /** Asks before a destructive step; --yes skips it; without a terminal it needs --yes. */
  confirm(question: string): Promise<void>;
  password(source: PasswordSource, options?: { optional?: boolean }): Promise<ObtainedPassword | undefined>;
  /** A --debug line on stderr. */
  debug(line: string): void;
  /**
   * Resolves with the signal's name when the user stops a long-running command (Ctrl-C, SIGTERM):
   * `wmctl local serve` waits on it, then shuts down cleanly.
   */
  untilInterrupted(): Promise<string>;
  close(): Promise<void>;
}

type FoundSimulator =
  | { readonly control: SimulatorControl; readonly served: boolean }
  | { readonly control: undefined; readonly reason: string };

export interface ContextDeps {
  readonly io: IOStreams;
  readonly env: Env;
  readonly settings: Settings;
  readonly out: Output;
  readonly prompter: Prompter;
  readonly config: ConfigStore;
  /** How the process learns it should stop (default: SIGINT or SIGTERM). */
  readonly interrupted?: () => Promise<string>;
}

export function createContext(deps: ContextDeps): CommandContext {
  const { io, settings, out, prompter } = deps;
  let opened: Promise<OpenBackend> | undefined;
  let orgRef: Promise<OrganizationRef> | undefined;
  let known: OrganizationRef | undefined;
  const remember = (p: Promise<OrganizationRef>) => {
    p.then((r) => (known = r)).catch(() => undefined);
    return p;
  };
  const debug = (line: string) => {
    if (settings.debug) io.stderr.write(`[debug] ${line}\n`);
  };
  const open = () => {
    if (settings.profileMissing) {
      return Promise.reject(
        new UsageError(
          `no profile named "${settings.profileName}"`,
          "list them with `wmctl config profiles`; create one with `wmctl --profile NAME config set KEY VALUE`",
        ),
      );
    }
    return (opened ??= createBackend(settings, debug));
  };
  const backend = async () => (await open()).api;
  let found: Promise<FoundSimulator> | undefined;
  const findSimulator = () =>
    (found ??= (async (): Promise<FoundSimulator> => {
      const control = (await open()).simulator;
      if (control === undefined) return { control: undefined, reason: "the backend is AWS" };
      if (settings.backend === "local") return { control, served: false };
      try {
        await control.now();
        return { control, served: true };
      } catch (e) {
        // A simulator that refused us (wrong keys ...) is still a simulator: that error stands.
        if ((e as { $fault?: unknown }).$fault !== undefined) throw e;
        const reason = (e as { detail?: string }).detail ?? (e as Error).message;
        debug(`${settings.endpointUrl ?? ""} is not a wmctl simulator: ${reason}`);
        return { control: undefined, reason };
      }
    })());
  const ctx: CommandContext = {
    ...deps,
    backend,
    simulator: async () => requireSimulator(await open()),
    findSimulator,
    exportStorage: async () => (await open()).exportStorage(),
    exportPrereqs: async () => (await open()).exportPrereqs(),
    hostedZones: async () => (await open()).hostedZones(),
    org: async () => (await ctx.orgRef()).id,
    orgRef: () => (orgRef ??= remember(resolveOrganization(backend, settings.org))),
    async knownOrg() {
      if (known === undefined || known.alias !== undefined) return known;
      try {
        const alias = (await (await backend()).describeOrganization({ OrganizationId: known.id })).Alias;
        return { id: known.id, alias };
      } catch {
        return known;
      }
    },
    resolveOrg: (ref) => resolveOrganization(backend, ref),
    selectOrg(ref) {
      orgRef = Promise.resolve(ref);
      known = ref;
      ctx.resolve.forget();
    },
    resolve: new EntityResolver(backend, () => ctx.org()),
    async confirm(question) {
      if (settings.yes) return;
      if (!prompter.canPrompt)
        throw new UsageError(
          `${question.replace(/[?.]\s*$/, "")}: confirmation needed`,
          "pass --yes to confirm without a prompt",
        );
      if (!(await prompter.confirm(question, { flag: "--yes", default: false }))) throw new CancelledError();
    },
    password: (source, options = {}) => obtainPassword(source, io, prompter, { ...options, warn: (m) => out.warn(m) }),
    debug,
    untilInterrupted: deps.interrupted ?? untilSignal,
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return ctx;
}

/** The first SIGINT or SIGTERM; the handlers are removed then, so a second Ctrl-C kills at once. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

async function resolveOrganization(
  backend: () => Promise<WorkMailApi>,
  ref: string | undefined,
): Promise<OrganizationRef> {
  if (ref !== undefined && ORGANIZATION_ID.test(ref)) return { id: ref, alias: undefined };
  const api = await backend();
  const live: { id: string; alias: string | undefined }[] = [];
  let gone: { alias: string; state: string } | undefined;
  for await (const o of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
    if (o.OrganizationId === undefined) continue;
    if (o.State === "Deleted" || o.State === "Deleting") {
      if (ref !== undefined && o.Alias?.toLowerCase() === ref.toLowerCase()) gone = { alias: o.Alias, state: o.State };
      continue;
    }
    if (ref !== undefined && o.Alias?.toLowerCase() === ref.toLowerCase())
      return { id: o.OrganizationId, alias: o.Alias };
    live.push({ id: o.OrganizationId, alias: o.Alias });
  }
  if (gone !== undefined)
    throw new NotFoundError(
      `organization ${gone.alias} is ${gone.state.toLowerCase()}`,
      "see `wmctl org list`; create a new one with `wmctl org create ALIAS`",
    );
  if (ref !== undefined) throw new NotFoundError(`no organization with alias or id "${ref}"`, "see `wmctl org list`");
  const only = live[0];
  if (live.length === 1 && only !== undefined) return only;
  if (live.length === 0)
    throw new UsageError(
      "there is no organization yet",
      "create one: wmctl org create ALIAS (or run `wmctl quickstart`)",
    );
  throw new UsageError(
    `no organization selected (${live.length} exist)`,
    "pass --org ALIAS, or set a default: wmctl org use ALIAS",
  );
}
