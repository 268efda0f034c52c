import { describe, expect, it } from "vitest";
import {
  evaluateImpersonation,
  type ImpersonationRuleConditions,
} from "../../../src/local-backend/rules/impersonation.js";

// The guide's "Managing impersonation roles": deny wins, an ALLOW rule without conditions allows
// everyone, no rule -> denied, and the console's two targeting options (TargetUsers: "impersonate the
// selected users"; NotTargetUsers: "impersonate users other than the selected users").
const r = (
  id: string,
  Effect: "ALLOW" | "DENY",
  more: Partial<ImpersonationRuleConditions> = {},
): ImpersonationRuleConditions => ({
  ImpersonationRuleId: id,
  Name: id,
  Effect,
  ...more,
});

interface Case {
  readonly title: string;
  readonly rules: readonly ImpersonationRuleConditions[];
  readonly expect: Record<string, "ALLOW" | "DENY">;
  readonly matched?: Record<string, string[]>;
}

const CASES: readonly Case[] = [
  {
    title: "a role without rules impersonates nobody",
    rules: [],
    expect: { alice: "DENY", bob: "DENY" },
    matched: { alice: [] },
  },
  {
    title: "an ALLOW rule with no conditions allows impersonating every user",
    rules: [r("allow-all", "ALLOW")],
    expect: { alice: "ALLOW", bob: "ALLOW", ceo: "ALLOW" },
    matched: { bob: ["allow-all"] },
  },
  {
    title: "ALLOW with TargetUsers: only the selected users",
    rules: [r("helpdesk", "ALLOW", { TargetUsers: ["alice", "bob"] })],
    expect: { alice: "ALLOW", bob: "ALLOW", ceo: "DENY" },
  },
  {
    title: "ALLOW with NotTargetUsers: users other than the selected users",
    rules: [r("all-but-ceo", "ALLOW", { NotTargetUsers: ["ceo"] })],
    expect: { alice: "ALLOW", ceo: "DENY" },
  },
  {
    title: "DENY takes precedence over ALLOW",
    rules: [r("allow-all", "ALLOW"), r("protect-ceo", "DENY", { TargetUsers: ["ceo"] })],
    expect: { alice: "ALLOW", ceo: "DENY" },
    matched: { ceo: ["protect-ceo"], alice: ["allow-all"] },
  },
  {
    title: "DENY rules alone never allow",
    rules: [r("deny-bob", "DENY", { TargetUsers: ["bob"] })],
    expect: { alice: "DENY", bob: "DENY" },
  },
  {
    title: "TargetUsers and NotTargetUsers in one rule must both hold",
    rules: [r("mixed", "ALLOW", { TargetUsers: ["alice", "bob"], NotTargetUsers: ["bob"] })],
    expect: { alice: "ALLOW", bob: "DENY", ceo: "DENY" },
  },
];

describe("impersonation role rules (guide examples)", () => {
  for (const c of CASES) {
    describe(c.title, () => {
      for (const [user, effect] of Object.entries(c.expect)) {
        it(`${user} -> ${effect}`, () => {
          const d = evaluateImpersonation(c.rules, user);
          expect(d.effect).toBe(effect);
          const matched = c.matched?.[user];
          if (matched !== undefined) expect(d.matchedRules.map((m) => m.ImpersonationRuleId)).toEqual(matched);
        });
      }
    });
  }
});
