import { denyWins, type Effect } from "./access-control.js";

/** An impersonation rule as the API carries it, with its target users already resolved to ids. */
export interface ImpersonationRuleConditions {
  readonly ImpersonationRuleId: string;
  readonly Name?: string | undefined;
  readonly Effect: Effect;
  readonly TargetUsers?: readonly string[] | undefined;
  readonly NotTargetUsers?: readonly string[] | undefined;
}

interface ImpersonationMatchedRule {
  readonly ImpersonationRuleId: string;
  readonly Name?: string | undefined;
}

export interface ImpersonationDecision {
  readonly effect: Effect;
  readonly matchedRules: ImpersonationMatchedRule[];
}

/**
 * Evaluates an impersonation role's rules for a target user (guide: "Managing impersonation roles").
 *
 * - A rule applies when the target is among its TargetUsers (if it has any) and not among its
 *   NotTargetUsers (if it has any); a rule with neither applies to every user ("To allow
 *   impersonation for all users ... create a rule with the ALLOW effect and with no conditions").
 * - Any matching DENY rule denies; otherwise a matching ALLOW rule allows; if no rule applies,
 *   impersonation is denied. A role without rules impersonates nobody.
 *
 * `targetUserId` is the target's entity id; rules hold ids too (the simulator resolves names and
 * addresses when a role is saved).
 */
export function evaluateImpersonation(
  rules: readonly ImpersonationRuleConditions[],
  targetUserId: string,
): ImpersonationDecision {
  const { effect, rules: decided } = denyWins(rules.filter((r) => impersonationRuleMatches(r, targetUserId)));
  return {
    effect,
    matchedRules: decided.map((r) => ({
      ImpersonationRuleId: r.ImpersonationRuleId,
      ...(r.Name === undefined ? {} : { Name: r.Name }),
    })),
  };
}

function impersonationRuleMatches(rule: ImpersonationRuleConditions, targetUserId: string): boolean {
  if (rule.TargetUsers !== undefined && rule.TargetUsers.length > 0 && !rule.TargetUsers.includes(targetUserId))
    return false;
  if (rule.NotTargetUsers !== undefined && rule.NotTargetUsers.length > 0 && rule.NotTargetUsers.includes(targetUserId))
    return false;
  return true;
}
