import type { WorkMailApi } from "../backend/workmail-api.js";
import type { InventoryArea, RestoreStep } from "../inventory/area.js";
import type { InventoryDocument } from "../inventory/document.js";
import { limitApi } from "../inventory/limited-api.js";
import { planPrune as listPrunable, runPrune, type PruneAction } from "./prune.js";
import { runSteps, type ApplyPreparation } from "./run-steps.js";
import type { GeneratedPassword } from "./session.js";

/** What `apply` works on: the document, the target (as prepareApply found it) and the policy areas. */
export interface ApplyEngine {
  readonly api: WorkMailApi;
  readonly orgId: string;
  readonly doc: InventoryDocument;
  readonly prep: ApplyPreparation;
  readonly areas: readonly InventoryArea[];
  readonly concurrency: number;
}

/** One change of a plan (result undefined) or of an apply (done / failed). */
export interface PlanChange {
  /** create, update, delete; `fail` in a plan: the change would fail (the message says why). */
  readonly action: "create" | "update" | "delete" | "fail" | string;
  readonly area: string;
  /** What changes, by name: `bob`, `sales <- bob`, `bob bobby@example.com`. */
  readonly target: string;
  /** What about it changes (a created user's address, the attributes set, the API operation of a delete). */
  readonly change: string;
  readonly result?: "done" | "failed";
}

/** What the organization has and the document lacks (what --prune deletes). Reads only. */
export function planPrune(e: ApplyEngine): Promise<PruneAction[]> {
  const { api } = limitApi(e.api, e.concurrency);
  return listPrunable(api, e.orgId, e.doc, e.prep.map, e.prep.directory, e.prep.target);
}

/** Deletes what planPrune found, links first, then entities, then domains. */
export async function applyPrune(actions: readonly PruneAction[]): Promise<PlanChange[]> {
  return (await runPrune(actions)).map((r) => ({
    action: "delete",
    area: r.area,
    target: r.target,
    change: r.message ?? r.action,
    result: r.result === "deleted" ? "done" : "failed",
  }));
}

function asChange(r: RestoreStep, applied: boolean): PlanChange | undefined {
  if (r.result === "skipped") return undefined;
  if (r.result === "failed")
    return {
      action: applied ? r.action : "fail",
      area: r.area,
      target: r.target,
      change: r.message ?? "failed",
      ...(applied ? { result: "failed" as const } : {}),
    };
  return {
    action: r.result === "created" ? "create" : r.result === "deleted" ? "delete" : "update",
    area: r.area,
    target: r.target,
    change: r.message === undefined || r.message === "" ? r.action : r.message,
    ...(applied ? { result: "done" as const } : {}),
  };
}

/**
 * The creates, updates and rule deletes that would bring the organization to the document: the same ordered
 * steps as an apply (and `org restore`), run against a port that records changes instead of
 * sending them, so the plan and the apply cannot disagree.
 */
export async function planChanges(e: ApplyEngine): Promise<PlanChange[]> {
  const out: PlanChange[] = [];
  await runSteps(e.api, e.orgId, e.doc, e.prep, {
    dryRun: true,
    concurrency: e.concurrency,
    areas: e.areas,
    onStep: ({ results }) => {
      for (const r of results) {
        const c = asChange(r, false);
        if (c !== undefined) out.push(c);
      }
    },
  });
  return out;
}

/** Runs the steps for real; `onChange` gets each create, update and failure as its step ends. */
export async function applyChanges(
  e: ApplyEngine,
  options: { savePassword?: (p: GeneratedPassword) => Promise<void>; onChange?: (c: PlanChange) => void },
): Promise<PlanChange[]> {
  const out: PlanChange[] = [];
  await runSteps(e.api, e.orgId, e.doc, e.prep, {
    dryRun: false,
    concurrency: e.concurrency,
    areas: e.areas,
    ...(options.savePassword === undefined ? {} : { savePassword: options.savePassword }),
    onStep: ({ results }) => {
      for (const r of results) {
        const c = asChange(r, true);
        if (c === undefined) continue;
        out.push(c);
        options.onChange?.(c);
      }
    },
  });
  return out;
}
