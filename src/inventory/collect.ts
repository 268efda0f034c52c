import type { WorkMailApi } from "../backend/workmail-api.js";
import type { InventoryArea } from "./area.js";
import type { CollectContext } from "./collect/collect-context.js";
import { collectDomains } from "./collect/domains.js";
import { collectGroups } from "./collect/groups.js";
import { collectMailboxes, collectMailboxPermissions } from "./collect/mailboxes.js";
import { collectOrganization } from "./collect/organization.js";
import { collectResources } from "./collect/resources.js";
import { collectUsers } from "./collect/users.js";
import {
  CORE_AREA_NAMES,
  INVENTORY_FORMAT,
  INVENTORY_FORMAT_VERSION,
  type InventoryDocument,
  type OrganizationData,
  type SkippedArea,
  type SourceIds,
  type SourceInfo,
} from "./document.js";
import { EntityDirectory } from "./entity-directory.js";
import { limitApi } from "./limited-api.js";
import { errorText, isNotImplemented } from "./service-errors.js";

/** How wmctl collects each of CORE_AREA_NAMES, in document order (policy areas follow, from INVENTORY_AREAS). */
const CORE_AREAS: ReadonlyArray<{
  name: (typeof CORE_AREA_NAMES)[number];
  collect(ctx: CollectContext): Promise<unknown>;
}> = [
  { name: "organization", collect: collectOrganization },
  { name: "domains", collect: collectDomains },
  { name: "users", collect: collectUsers },
  { name: "groups", collect: collectGroups },
  { name: "resources", collect: collectResources },
  { name: "mailboxes", collect: collectMailboxes },
  { name: "mailbox-permissions", collect: collectMailboxPermissions },
];

interface AreaOutcome {
  readonly area: string;
  readonly status: "ok" | "skipped" | "failed";
  /** How many items the area holds (entities, records, rules ...). */
  readonly items: number;
  readonly reason?: string;
}

export interface CollectOptions {
  readonly source: Omit<SourceInfo, "organizationId" | "alias">;
  readonly wmctlVersion: string;
  readonly concurrency: number;
  /** Policy areas (INVENTORY_AREAS). */
  readonly areas: readonly InventoryArea[];
  /** Only these areas, core or policy, by name (`--table` needs one or a few); every area when absent. */
  readonly only?: ReadonlySet<string> | undefined;
  readonly warn: (message: string) => void;
  /** Called as each area finishes (progress). */
  readonly onArea?: (outcome: AreaOutcome) => void;
  readonly now?: () => Date;
}

export interface CollectResult {
  readonly doc: InventoryDocument;
  readonly outcomes: AreaOutcome[];
  readonly calls: number;
  readonly callsByMethod: ReadonlyMap<string, number>;
}

/**
 * Takes the inventory of one organization: lists its users, groups and resources once (the
 * id -> name map every area uses), then collects every area concurrently through one bounded
 * queue of API calls. An area the backend does not implement is skipped (with a warning); an area
 * that fails is reported and left out; the others are kept.
 */
export async function collectInventory(
  rawApi: WorkMailApi,
  orgId: string,
  options: CollectOptions,
): Promise<CollectResult> {
  const limited = limitApi(rawApi, options.concurrency);
  const api = limited.api;
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  const directory = await EntityDirectory.list(api, orgId);
  const ctx: CollectContext = { api, orgId, directory, warn: options.warn };
  const reserved = new Set<string>(CORE_AREA_NAMES);
  for (const a of options.areas)
    if (reserved.has(a.name)) throw new Error(`inventory area name ${a.name} is taken by a core area`);

  const jobs = [
    ...CORE_AREAS.map((a) => ({ name: a.name, run: () => a.collect(ctx) })),
    ...options.areas.map((a) => ({ name: a.name, run: () => a.collect(api, orgId, directory) })),
  ].filter((job) => options.only === undefined || options.only.has(job.name));
  const results = await Promise.all(
    jobs.map(async (job): Promise<{ outcome: AreaOutcome; data?: unknown }> => {
      let outcome: AreaOutcome;
      let data: unknown;
      try {
        data = await job.run();
        outcome = { area: job.name, status: "ok", items: itemCount(data) };
      } catch (e) {
        if (isNotImplemented(e)) {
          const reason = errorText(e);
          options.warn(`${job.name}: skipped, not supported by this backend: ${reason}`);
          outcome = { area: job.name, status: "skipped", items: 0, reason };
        } else {
          const reason = errorText(e);
          options.warn(`${job.name}: failed: ${reason}`);
          outcome = { area: job.name, status: "failed", items: 0, reason };
        }
      }
      options.onArea?.(outcome);
      return outcome.status === "ok" ? { outcome, data } : { outcome };
    }),
  );

  const areas: Record<string, unknown> = {};
  const skipped: SkippedArea[] = [];
  for (const r of results) {
    if (r.outcome.status === "ok") areas[r.outcome.area] = r.data;
    else
      skipped.push({
        area: r.outcome.area,
        reason: `${r.outcome.status === "failed" ? "failed: " : ""}${r.outcome.reason ?? ""}`,
      });
  }
  const ids = separateIds(areas, orgId);
  const org = areas.organization as { alias?: string } | undefined;
  // The region the SDK resolved by itself (AWS_REGION, the AWS profile) is the organization ARN's.
  const region = options.source.region ?? ids.organization.arn?.split(":")[3];
  const doc: InventoryDocument = {
    format: INVENTORY_FORMAT,
    formatVersion: INVENTORY_FORMAT_VERSION,
    wmctlVersion: options.wmctlVersion,
    createdAt,
    source: { organizationId: orgId, alias: org?.alias, ...options.source, region, ids },
    areas,
    skipped,
    files: [],
  };
  return {
    doc,
    outcomes: results.map((r) => r.outcome),
    calls: limited.calls(),
    callsByMethod: limited.callsByMethod(),
  };
}

/**
 * Moves the service ids out of the areas into one section (source.ids): the areas name everything
 * by name and address, as restore and apply read them; the ids stay for reference.
 */
function separateIds(areas: Record<string, unknown>, orgId: string): SourceIds {
  const org = areas.organization as (OrganizationData & { directoryId?: string; arn?: string }) | undefined;
  const ids: SourceIds = {
    organization: { id: org?.id ?? orgId, directoryId: org?.directoryId, arn: org?.arn },
    users: {},
    groups: {},
    resources: {},
  };
  if (org !== undefined) {
    delete org.id;
    delete org.directoryId;
    delete org.arn;
  }
  for (const kind of ["users", "groups", "resources"] as const) {
    for (const e of (areas[kind] as Array<{ name: string; id?: string | undefined }> | undefined) ?? []) {
      if (e.id !== undefined) ids[kind][e.name] = e.id;
      delete e.id;
    }
  }
  return ids;
}

/** Items in an area: an array's length, else the sum of the arrays it holds, else 1. */
export function itemCount(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  if (data === null || data === undefined) return 0;
  if (typeof data === "object") {
    const arrays = Object.values(data).filter(Array.isArray);
    return arrays.length > 0 ? arrays.reduce((n, a: unknown[]) => n + a.length, 0) : 1;
  }
  return 1;
}
