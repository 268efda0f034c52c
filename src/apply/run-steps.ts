import pLimit from "p-limit";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { generatePassword } from "../context/secrets.js";
import type { EntityIds, InventoryArea, RestoreStep } from "../inventory/area.js";
import type { EntityKind, InventoryDocument } from "../inventory/document.js";
import type { DomainMap } from "../inventory/domain-map.js";
import { EntityDirectory } from "../inventory/entity-directory.js";
import { limitApi } from "../inventory/limited-api.js";
import { serviceErrorName } from "../errors/with-hint.js";
import { errorText, isNotImplemented } from "../inventory/service-errors.js";
import { restoreDomains, restoreOrganization } from "./domain-steps.js";
import { restoreGroups, restoreResources, restoreStates, restoreUsers } from "./entity-steps.js";
import { restoreAliases, restoreDelegates, restoreMembers } from "./link-steps.js";
import { restoreMailboxes, restoreMailboxPermissions } from "./mailbox-steps.js";
import { recordingApi, type PlannedCall } from "./recording-api.js";
import type { GeneratedPassword, RestoreSession } from "./session.js";
import {
  describeTarget,
  domainNeeds,
  effectiveMap,
  sourceTestDomain,
  type DomainNeed,
  type TargetOrganization,
} from "./target-domains.js";

/** What the restore found out before changing anything. */
export interface ApplyPreparation {
  readonly target: TargetOrganization;
  /** The admin's --map-domain plus the source test domain -> the target's test domain. */
  readonly map: DomainMap;
  readonly needs: DomainNeed[];
  /** The target's users, groups and resources before the restore. */
  readonly directory: EntityDirectory;
  /** --map-domain entries for domains the inventory does not use. */
  readonly unusedMappings: string[];
}

/** Reads the target (organization, domains, entities) and works out the domain mapping; changes nothing. */
export async function prepareApply(
  api: WorkMailApi,
  orgId: string,
  doc: InventoryDocument,
  explicit: DomainMap,
): Promise<ApplyPreparation> {
  const target = await describeTarget(api, orgId);
  const map = effectiveMap(doc, explicit, target);
  const needs = domainNeeds(doc, map, target);
  const used = new Set<string>([...(doc.areas.domains ?? []).map((d) => d.name), ...needs.map((n) => n.domain)]);
  for (const a of [...(doc.areas.users ?? []), ...(doc.areas.groups ?? []), ...(doc.areas.resources ?? [])]) {
    for (const addr of [a.email, ...a.aliases])
      if (addr !== undefined) used.add(addr.slice(addr.lastIndexOf("@") + 1).toLowerCase());
  }
  const unusedMappings = explicit
    .entries()
    .filter(([from]) => !used.has(from))
    .map(([from]) => from);
  const directory = await EntityDirectory.list(api, orgId);
  return { target, map, needs, directory, unusedMappings };
}

interface StepReport {
  readonly step: string;
  readonly results: RestoreStep[];
}

export interface RestoreOptions {
  readonly dryRun: boolean;
  readonly concurrency: number;
  /** Policy areas (INVENTORY_AREAS), restored after the entities, in this order. */
  readonly areas: readonly InventoryArea[];
  /** Under --dry-run: each change the restore would make. */
  readonly onPlannedCall?: (call: PlannedCall) => void;
  /** After each step (progress). */
  readonly onStep?: (report: StepReport) => void;
  /** Keeps a new user's password before its CreateUser (--passwords-out); never under --dry-run. */
  readonly savePassword?: (p: GeneratedPassword) => Promise<void>;
}

export interface RestoreOutcome {
  readonly steps: StepReport[];
  readonly calls: number;
}

/**
 * Re-creates an inventory in the target organization, in dependency order: domains,
 * organization settings, users, groups, nested memberships, resources, delegates (and booking
 * options), aliases, mailbox quotas and permissions, the policy areas, and last the entities the
 * inventory has disabled. Every step compares with the target first, so a second run only
 * reports `skipped`. The core steps never delete anything from the target (policy areas decide for
 * their rule sets).
 */
export async function runSteps(
  api: WorkMailApi,
  orgId: string,
  doc: InventoryDocument,
  prep: ApplyPreparation,
  options: RestoreOptions,
): Promise<RestoreOutcome> {
  const limited = limitApi(api, options.concurrency);
  const target = prep.directory;
  const port = options.dryRun
    ? recordingApi(limited.api, { onCall: (c) => options.onPlannedCall?.(c), labelOf: (id) => target.nameOf(id) })
    : limited.api;
  const s: RestoreSession = {
    api: port,
    orgId,
    dryRun: options.dryRun,
    map: prep.map,
    target,
    created: new Set(),
    savePassword: options.savePassword ?? (() => Promise.resolve()),
    createSlot: pLimit(options.concurrency),
    newPassword: () => generatePassword(),
  };
  const a = doc.areas;
  const skippedReason = (area: string) => doc.skipped.find((x) => x.area === area)?.reason;
  const absent = (area: string): RestoreStep[] => [
    {
      area,
      action: "-",
      target: area,
      result: "skipped",
      message: `not in the inventory${skippedReason(area) === undefined ? "" : `: ${skippedReason(area) ?? ""}`}`,
    },
  ];
  const entities: Array<{ name: string; type: EntityKind; state: string; aliases: string[] }> = [
    ...(a.users ?? []).map((u) => ({ ...u, type: "USER" as const })),
    ...(a.groups ?? []).map((g) => ({ ...g, type: "GROUP" as const })),
    ...(a.resources ?? []).map((r) => ({ ...r, type: "RESOURCE" as const })),
  ];
  const ids: EntityIds = {
    idOf: (ref) => target.idOf(ref) ?? (ref.includes("@") ? target.idOf(prep.map.address(ref)) : undefined),
  };

  const steps: Array<{ step: string; run: () => Promise<RestoreStep[]> }> = [
    {
      step: "domains",
      run: () =>
        a.domains === undefined
          ? Promise.resolve(absent("domains"))
          : restoreDomains(s, a.domains, prep.target, sourceTestDomain(doc)),
    },
    {
      step: "organization",
      run: () =>
        a.organization === undefined
          ? Promise.resolve(absent("organization"))
          : restoreOrganization(s, a.organization, prep.target),
    },
    { step: "users", run: () => (a.users === undefined ? Promise.resolve(absent("users")) : restoreUsers(s, a.users)) },
    {
      step: "groups",
      run: () => (a.groups === undefined ? Promise.resolve(absent("groups")) : restoreGroups(s, a.groups)),
    },
    {
      step: "group-members",
      run: () => (a.groups === undefined ? Promise.resolve(absent("groups")) : restoreMembers(s, a.groups)),
    },
    {
      step: "resources",
      run: () => (a.resources === undefined ? Promise.resolve(absent("resources")) : restoreResources(s, a.resources)),
    },
    {
      step: "resource-delegates",
      run: () => (a.resources === undefined ? Promise.resolve(absent("resources")) : restoreDelegates(s, a.resources)),
    },
    { step: "aliases", run: () => restoreAliases(s, entities) },
    {
      step: "mailboxes",
      run: () => (a.mailboxes === undefined ? Promise.resolve(absent("mailboxes")) : restoreMailboxes(s, a.mailboxes)),
    },
    {
      step: "mailbox-permissions",
      run: () =>
        a["mailbox-permissions"] === undefined
          ? Promise.resolve(absent("mailbox-permissions"))
          : restoreMailboxPermissions(s, a["mailbox-permissions"]),
    },
    ...options.areas.map((area) => ({
      step: area.name,
      run: async (): Promise<RestoreStep[]> => {
        if (!(area.name in a)) return absent(area.name);
        try {
          return await area.restore(port, orgId, prep.map.deep(a[area.name]), ids);
        } catch (e) {
          const why = isNotImplemented(e) ? `the target does not support this area: ${errorText(e)}` : errorText(e);
          return [{ area: area.name, action: "restore", target: area.name, result: "failed", message: why }];
        }
      },
    })),
    { step: "states", run: () => restoreStates(s, entities) },
  ];

  const reports: StepReport[] = [];
  for (const { step, run } of steps) {
    let results: RestoreStep[];
    try {
      results = await run();
    } catch (e) {
      // A service error outside any one item (the target does not implement the step's
      // operations, a listing failed): the step fails as a whole and the restore goes on.
      if (serviceErrorName(e) === undefined) throw e;
      const why = isNotImplemented(e) ? `the target does not support this step: ${errorText(e)}` : errorText(e);
      results = [{ area: step, action: "-", target: step, result: "failed", message: why }];
    }
    const report = { step, results };
    reports.push(report);
    options.onStep?.(report);
  }
  return { steps: reports, calls: limited.calls() };
}

/** created / updated / deleted / skipped / failed counts of one step. */
export function tally(results: readonly RestoreStep[]): Record<RestoreStep["result"], number> {
  const t = { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 };
  for (const r of results) t[r.result]++;
  return t;
}
