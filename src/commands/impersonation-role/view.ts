import type { GetImpersonationRoleResponse, ImpersonationRole, ImpersonationRule } from "@aws-sdk/client-workmail";
import type { CommandContext } from "../../context/context.js";
import { entityLabels } from "../../context/entity-labels.js";
import { UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";

interface RuleView {
  id: string | undefined;
  name: string | undefined;
  description: string | undefined;
  effect: string | undefined;
  targetUsers: string[] | undefined;
  notTargetUsers: string[] | undefined;
}

export interface RoleView {
  id: string | undefined;
  name: string | undefined;
  type: string | undefined;
  description?: string | undefined;
  rules?: RuleView[] | undefined;
  /** The rules in one line: `allow-all: ALLOW all users; protect-ceo: DENY ceo@example.com`. */
  ruleSummary?: string | undefined;
  created: Date | undefined;
  modified: Date | undefined;
}

const ROLE_FIELDS = ["id", "name", "type", "description", "rules", "ruleSummary", "created", "modified"] as const;
export const roleListOutput: OutputSpec = {
  fields: ROLE_FIELDS,
  columns: ["name", "type", "id", "modified"],
  list: true,
  empty: "no impersonation roles",
};
export const roleRecordOutput: OutputSpec = {
  fields: ROLE_FIELDS,
  columns: ["id", "name", "type", "description", "ruleSummary", "created", "modified"],
};

const ROLE_TYPES = ["FULL_ACCESS", "READ_ONLY"] as const;
export type RoleType = (typeof ROLE_TYPES)[number];

/** `full-access`, `full_access`, `FULL_ACCESS`, `read-only`, `readonly` ... */
export function parseRoleType(value: string): RoleType {
  const v = value.trim().toUpperCase().replace(/[-\s]/g, "_");
  const hit = v === "READONLY" ? "READ_ONLY" : v === "FULL" ? "FULL_ACCESS" : ROLE_TYPES.find((t) => t === v);
  if (hit === undefined)
    throw new UsageError(
      `--type: unknown role type "${value}"`,
      "use full-access (read and modify items) or read-only",
    );
  return hit;
}

export function roleSummaryView(r: ImpersonationRole): RoleView {
  return { id: r.ImpersonationRoleId, name: r.Name, type: r.Type, created: r.DateCreated, modified: r.DateModified };
}

async function ruleView(ctx: CommandContext, r: ImpersonationRule): Promise<RuleView> {
  return {
    id: r.ImpersonationRuleId,
    name: r.Name,
    description: r.Description,
    effect: r.Effect,
    targetUsers: await entityLabels(ctx.resolve, r.TargetUsers),
    notTargetUsers: await entityLabels(ctx.resolve, r.NotTargetUsers),
  };
}

function summarizeRules(rules: readonly RuleView[]): string {
  if (rules.length === 0) return "no rules: impersonates nobody";
  return rules
    .map((r) => {
      const who = [
        r.targetUsers === undefined ? undefined : r.targetUsers.join(","),
        r.notTargetUsers === undefined ? undefined : `all except ${r.notTargetUsers.join(",")}`,
      ]
        .filter((x) => x !== undefined)
        .join(" and ");
      return `${r.name ?? r.id ?? "?"}: ${r.effect ?? "?"} ${who === "" ? "all users" : who}`;
    })
    .join("; ");
}

export async function roleView(ctx: CommandContext, r: GetImpersonationRoleResponse): Promise<RoleView> {
  const rules: RuleView[] = [];
  for (const rule of r.Rules ?? []) rules.push(await ruleView(ctx, rule));
  return {
    id: r.ImpersonationRoleId,
    name: r.Name,
    type: r.Type,
    description: r.Description,
    rules,
    ruleSummary: summarizeRules(rules),
    created: r.DateCreated,
    modified: r.DateModified,
  };
}
