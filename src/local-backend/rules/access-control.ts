import { parseCidr, parseIpv4, rangeContains } from "../../net/ipv4.js";

export type Effect = "ALLOW" | "DENY";

/** The protocol actions of access control rules, spelled as the service spells them. */
export const ACCESS_ACTIONS = [
  "ActiveSync",
  "AutoDiscover",
  "EWS",
  "IMAP",
  "SMTP",
  "WindowsOutlook",
  "WebMail",
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** The canonical spelling of an action name given in any case; undefined when it is not one. */
export function canonicalAction(name: string): AccessAction | undefined {
  return ACCESS_ACTIONS.find((a) => a.toLowerCase() === name.toLowerCase());
}

/** An access control rule as the API carries it (empty lists and absent lists mean the same). */
export interface AccessRuleConditions {
  readonly Name: string;
  readonly Effect: Effect;
  readonly Actions?: readonly string[] | undefined;
  readonly NotActions?: readonly string[] | undefined;
  readonly IpRanges?: readonly string[] | undefined;
  readonly NotIpRanges?: readonly string[] | undefined;
  readonly UserIds?: readonly string[] | undefined;
  readonly NotUserIds?: readonly string[] | undefined;
  readonly ImpersonationRoleIds?: readonly string[] | undefined;
  readonly NotImpersonationRoleIds?: readonly string[] | undefined;
}

/** A request to a mailbox: a protocol, a source address, and a user or an impersonation role. */
export interface AccessRequest {
  readonly action: string;
  readonly ipAddress: string;
  readonly userId?: string | undefined;
  readonly impersonationRoleId?: string | undefined;
}

export interface AccessDecision {
  readonly effect: Effect;
  /** The names of the rules that matched and produced the effect, in rule order. */
  readonly matchedRules: string[];
}

/**
 * Evaluates an organization's access control rules (guide: "Working with access control rules").
 *
 * - A rule applies when every condition it has matches; a rule without conditions applies to all
 *   requests (the default rule "grants mailbox access to all users and impersonation roles ... no
 *   matter which access protocol or IP address they use").
 * - Actions / IpRanges: the request's protocol / source address is among them.
 *   NotActions / NotIpRanges: it is not.
 * - Who performs the request is one condition: with UserIds and/or ImpersonationRoleIds, the user or
 *   the role must be listed in one of them; with NotUserIds and/or NotImpersonationRoleIds, neither
 *   may be listed. (A request is made by a user or by a role, never both, so listing users and roles
 *   in one rule means "any of these", as the console's single "performed by" list does.)
 * - Any matching DENY rule denies (DENY takes precedence); otherwise any matching ALLOW rule allows;
 *   when no rule applies, access is denied. So deleting every rule blocks all access.
 */
export function evaluateAccessControl(rules: readonly AccessRuleConditions[], request: AccessRequest): AccessDecision {
  const { effect, rules: decided } = denyWins(rules.filter((r) => ruleMatches(r, request)));
  return { effect, matchedRules: decided.map((r) => r.Name) };
}

/**
 * The guide's rule for access control, mobile device access and impersonation rules alike: any
 * matching DENY rule wins; otherwise any matching ALLOW rule allows; when no rule matches, DENY.
 * Returns the effect and the matching rules that produced it, in their order.
 */
export function denyWins<R extends { readonly Effect: Effect }>(
  matching: readonly R[],
): { effect: Effect; rules: R[] } {
  const denies = matching.filter((r) => r.Effect === "DENY");
  if (denies.length > 0) return { effect: "DENY", rules: denies };
  // No DENY among them: every matching rule is an ALLOW.
  return matching.length > 0 ? { effect: "ALLOW", rules: [...matching] } : { effect: "DENY", rules: [] };
}

function ruleMatches(rule: AccessRuleConditions, request: AccessRequest): boolean {
  const action = request.action.toLowerCase();
  const hasAction = (list: readonly string[]) => list.some((a) => a.toLowerCase() === action);
  if (nonEmpty(rule.Actions) && !hasAction(rule.Actions)) return false;
  if (nonEmpty(rule.NotActions) && hasAction(rule.NotActions)) return false;

  const ip = parseIpv4(request.ipAddress);
  const inRanges = (list: readonly string[]) =>
    ip.ok &&
    list.some((text) => {
      const range = parseCidr(text);
      return range.ok && rangeContains(range.value, ip.value);
    });
  if (nonEmpty(rule.IpRanges) && !inRanges(rule.IpRanges)) return false;
  if (nonEmpty(rule.NotIpRanges) && inRanges(rule.NotIpRanges)) return false;

  const listed = (users: readonly string[] | undefined, roles: readonly string[] | undefined) =>
    (request.userId !== undefined && users?.includes(request.userId) === true) ||
    (request.impersonationRoleId !== undefined && roles?.includes(request.impersonationRoleId) === true);
  if (
    (nonEmpty(rule.UserIds) || nonEmpty(rule.ImpersonationRoleIds)) &&
    !listed(rule.UserIds, rule.ImpersonationRoleIds)
  )
    return false;
  return !listed(rule.NotUserIds, rule.NotImpersonationRoleIds);
}

function nonEmpty(list: readonly string[] | undefined): list is readonly string[] {
  return list !== undefined && list.length > 0;
}
