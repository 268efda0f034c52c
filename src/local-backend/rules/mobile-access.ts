import { denyWins, type Effect } from "./access-control.js";

/** The special condition value that matches a property the device did not report. */
const NONE_VALUE = "$NONE";

/** A mobile device access rule as the API carries it. */
export interface MobileRuleConditions {
  readonly MobileDeviceAccessRuleId: string;
  readonly Name: string;
  readonly Effect: Effect;
  readonly DeviceTypes?: readonly string[] | undefined;
  readonly NotDeviceTypes?: readonly string[] | undefined;
  readonly DeviceModels?: readonly string[] | undefined;
  readonly NotDeviceModels?: readonly string[] | undefined;
  readonly DeviceOperatingSystems?: readonly string[] | undefined;
  readonly NotDeviceOperatingSystems?: readonly string[] | undefined;
  readonly DeviceUserAgents?: readonly string[] | undefined;
  readonly NotDeviceUserAgents?: readonly string[] | undefined;
}

/** What an ActiveSync device reports about itself; an absent or empty value is "not reported". */
export interface DeviceProperties {
  readonly type?: string | undefined;
  readonly model?: string | undefined;
  readonly operatingSystem?: string | undefined;
  readonly userAgent?: string | undefined;
}

interface MobileMatchedRule {
  readonly MobileDeviceAccessRuleId: string;
  readonly Name: string;
}

export interface MobileDecision {
  readonly effect: Effect;
  /** The rules that matched and produced the effect (empty when an override decided, or nothing matched). */
  readonly matchedRules: MobileMatchedRule[];
  /** Set when a user-and-device override decided instead of the rules. */
  readonly override?: Effect;
}

/**
 * Evaluates mobile device access rules (guide: "How mobile device access rules work", "Dealing with
 * empty fields").
 *
 * - A rule applies only if all of its conditions match; rules with no conditions apply to all.
 * - Each condition is a case-insensitive prefix match against the reported property.
 * - `$NONE` in a positive condition matches a property the device did not report.
 * - Negative conditions (NotDeviceTypes ...) match a reported value that none of their entries
 *   prefixes, and never match a property that was not reported.
 * - Any matching DENY rule blocks the device; otherwise a matching ALLOW rule allows it; if no rule
 *   applies, the device is blocked.
 * - An override for the user and device, when there is one, replaces the rules' result.
 */
export function evaluateMobileAccess(
  rules: readonly MobileRuleConditions[],
  device: DeviceProperties,
  override?: Effect,
): MobileDecision {
  if (override !== undefined) return { effect: override, matchedRules: [], override };
  const { effect, rules: decided } = denyWins(rules.filter((r) => mobileRuleMatches(r, device)));
  return {
    effect,
    matchedRules: decided.map((r) => ({ MobileDeviceAccessRuleId: r.MobileDeviceAccessRuleId, Name: r.Name })),
  };
}

function mobileRuleMatches(rule: MobileRuleConditions, device: DeviceProperties): boolean {
  return (
    condition(rule.DeviceTypes, rule.NotDeviceTypes, device.type) &&
    condition(rule.DeviceModels, rule.NotDeviceModels, device.model) &&
    condition(rule.DeviceOperatingSystems, rule.NotDeviceOperatingSystems, device.operatingSystem) &&
    condition(rule.DeviceUserAgents, rule.NotDeviceUserAgents, device.userAgent)
  );
}

function condition(
  positive: readonly string[] | undefined,
  negative: readonly string[] | undefined,
  reported: string | undefined,
): boolean {
  const value = reported === undefined || reported === "" ? undefined : reported.toLowerCase();
  if (positive !== undefined && positive.length > 0) {
    const hit = positive.some((p) =>
      isNone(p) ? value === undefined : value !== undefined && value.startsWith(p.toLowerCase()),
    );
    if (!hit) return false;
  }
  if (negative !== undefined && negative.length > 0) {
    if (value === undefined) return false;
    if (negative.some((p) => !isNone(p) && value.startsWith(p.toLowerCase()))) return false;
  }
  return true;
}

function isNone(p: string): boolean {
  return p.toUpperCase() === NONE_VALUE;
}
