import { describe, expect, it } from "vitest";
import {
  canonicalAction,
  evaluateAccessControl,
  type AccessRequest,
  type AccessRuleConditions,
} from "../../../src/local-backend/rules/access-control.js";

// The guide's "Working with access control rules" and its MDM examples ("grant access to other mail
// protocols only from an internal corporate IP address range, and then allow only ActiveSync when
// accessing email from outside"; proxy mode: "allows EAS access only from the MDM solution's IP").
const DEFAULT: AccessRuleConditions = { Name: "default", Effect: "ALLOW" };
const CORP = "10.0.0.0/8";
const MDM = "198.51.100.0/24";
const INSIDE = "10.20.30.40";
const OUTSIDE = "203.0.113.5";
const MDM_IP = "198.51.100.7";

const user = (userId: string, action: string, ipAddress: string): AccessRequest => ({ userId, action, ipAddress });
const role = (impersonationRoleId: string, ipAddress: string): AccessRequest => ({
  impersonationRoleId,
  action: "EWS",
  ipAddress,
});

interface Case {
  readonly title: string;
  readonly rules: readonly AccessRuleConditions[];
  readonly requests: ReadonlyArray<[AccessRequest, "ALLOW" | "DENY", string[]?]>;
}

const CASES: readonly Case[] = [
  {
    title: "the default rule allows every user and role, any protocol, any address",
    rules: [DEFAULT],
    requests: [
      [user("bob", "IMAP", OUTSIDE), "ALLOW", ["default"]],
      [user("bob", "WindowsOutlook", INSIDE), "ALLOW"],
      [role("role-1", OUTSIDE), "ALLOW", ["default"]],
    ],
  },
  {
    title: "no rules left: all access is blocked",
    rules: [],
    requests: [
      [user("bob", "WebMail", INSIDE), "DENY", []],
      [role("role-1", INSIDE), "DENY", []],
    ],
  },
  {
    title: "MDM direct mode: every protocol from the corporate range, only ActiveSync from outside",
    rules: [
      { Name: "corp-all-protocols", Effect: "ALLOW", IpRanges: [CORP] },
      { Name: "eas-anywhere", Effect: "ALLOW", Actions: ["ActiveSync"] },
    ],
    requests: [
      [user("bob", "IMAP", INSIDE), "ALLOW", ["corp-all-protocols"]],
      [user("bob", "IMAP", OUTSIDE), "DENY", []],
      [user("bob", "ActiveSync", OUTSIDE), "ALLOW", ["eas-anywhere"]],
      [user("bob", "ActiveSync", INSIDE), "ALLOW", ["corp-all-protocols", "eas-anywhere"]],
    ],
  },
  {
    title: "MDM proxy mode: deny ActiveSync unless it comes from the MDM's addresses (NotIpRanges)",
    rules: [DEFAULT, { Name: "eas-only-via-mdm", Effect: "DENY", Actions: ["ActiveSync"], NotIpRanges: [MDM] }],
    requests: [
      [user("bob", "ActiveSync", MDM_IP), "ALLOW", ["default"]],
      [user("bob", "ActiveSync", OUTSIDE), "DENY", ["eas-only-via-mdm"]],
      [user("bob", "IMAP", OUTSIDE), "ALLOW"],
    ],
  },
  {
    title: "a DENY for one user and protocol wins over the default rule",
    rules: [DEFAULT, { Name: "no-imap-for-bob", Effect: "DENY", Actions: ["IMAP"], UserIds: ["bob"] }],
    requests: [
      [user("bob", "IMAP", INSIDE), "DENY", ["no-imap-for-bob"]],
      [user("bob", "EWS", INSIDE), "ALLOW"],
      [user("alice", "IMAP", INSIDE), "ALLOW"],
    ],
  },
  {
    title: "NotUserIds: webmail only for the admin",
    rules: [DEFAULT, { Name: "webmail-admin-only", Effect: "DENY", Actions: ["WebMail"], NotUserIds: ["admin"] }],
    requests: [
      [user("bob", "WebMail", INSIDE), "DENY"],
      [user("admin", "WebMail", INSIDE), "ALLOW"],
      [user("bob", "SMTP", INSIDE), "ALLOW"],
    ],
  },
  {
    title: "NotActions: a DENY for every protocol but ActiveSync from outside the corporate range",
    rules: [DEFAULT, { Name: "eas-only-outside", Effect: "DENY", NotActions: ["activesync"], NotIpRanges: [CORP] }],
    requests: [
      [user("bob", "IMAP", OUTSIDE), "DENY", ["eas-only-outside"]],
      [user("bob", "ActiveSync", OUTSIDE), "ALLOW", ["default"]],
      [user("bob", "IMAP", INSIDE), "ALLOW", ["default"]],
    ],
  },
  {
    title: "NotActions on an ALLOW rule: every protocol but WebMail",
    rules: [{ Name: "no-webmail", Effect: "ALLOW", NotActions: ["WebMail", "EWS"] }],
    requests: [
      [user("bob", "WebMail", INSIDE), "DENY", []],
      [user("bob", "ews", INSIDE), "DENY", []],
      [user("bob", "SMTP", INSIDE), "ALLOW", ["no-webmail"]],
    ],
  },
  {
    title: "empty lists are no condition at all, as absent ones",
    rules: [
      {
        Name: "empty-lists",
        Effect: "ALLOW",
        Actions: [],
        NotActions: [],
        IpRanges: [],
        NotIpRanges: [],
        UserIds: [],
        NotUserIds: [],
        ImpersonationRoleIds: [],
        NotImpersonationRoleIds: [],
      },
    ],
    requests: [
      [user("bob", "IMAP", OUTSIDE), "ALLOW", ["empty-lists"]],
      [role("role-1", INSIDE), "ALLOW", ["empty-lists"]],
    ],
  },
  {
    title: "every matching ALLOW rule is named, in rule order, when no DENY matches",
    rules: [
      { Name: "imap-inside", Effect: "ALLOW", Actions: ["IMAP"], IpRanges: [CORP] },
      { Name: "bob-only-deny", Effect: "DENY", UserIds: ["bob"] },
      DEFAULT,
    ],
    requests: [
      [user("alice", "IMAP", INSIDE), "ALLOW", ["imap-inside", "default"]],
      [user("bob", "IMAP", INSIDE), "DENY", ["bob-only-deny"]],
    ],
  },
  {
    title: "limiting an impersonation role to the corporate range",
    rules: [
      DEFAULT,
      { Name: "role-1-inside-only", Effect: "DENY", ImpersonationRoleIds: ["role-1"], NotIpRanges: [CORP] },
    ],
    requests: [
      [role("role-1", INSIDE), "ALLOW"],
      [role("role-1", OUTSIDE), "DENY", ["role-1-inside-only"]],
      [role("role-2", OUTSIDE), "ALLOW"],
      [user("bob", "EWS", OUTSIDE), "ALLOW"],
    ],
  },
  {
    title: "NotImpersonationRoleIds: allow everyone but one role",
    rules: [{ Name: "all-but-role-1", Effect: "ALLOW", NotImpersonationRoleIds: ["role-1"] }],
    requests: [
      [role("role-1", INSIDE), "DENY"],
      [role("role-2", INSIDE), "ALLOW"],
      [user("bob", "IMAP", INSIDE), "ALLOW"],
    ],
  },
  {
    title: "users and roles in one rule: the request is performed by any of them",
    rules: [{ Name: "bob-or-role-1", Effect: "ALLOW", UserIds: ["bob"], ImpersonationRoleIds: ["role-1"] }],
    requests: [
      [user("bob", "EWS", OUTSIDE), "ALLOW"],
      [role("role-1", OUTSIDE), "ALLOW"],
      [user("alice", "EWS", OUTSIDE), "DENY"],
      [role("role-2", OUTSIDE), "DENY"],
    ],
  },
  {
    title: "every condition of a rule must match (protocols, ranges and users together)",
    rules: [
      {
        Name: "bob-ews-inside",
        Effect: "ALLOW",
        Actions: ["EWS", "AutoDiscover"],
        IpRanges: [CORP, MDM],
        UserIds: ["bob"],
      },
    ],
    requests: [
      [user("bob", "EWS", INSIDE), "ALLOW"],
      [user("bob", "AutoDiscover", MDM_IP), "ALLOW"],
      [user("bob", "IMAP", INSIDE), "DENY"],
      [user("bob", "EWS", OUTSIDE), "DENY"],
      [user("alice", "EWS", INSIDE), "DENY"],
    ],
  },
  {
    title: "range edges: /32 is one address, /0 is every address, host bits are ignored, protocols match in any case",
    rules: [
      { Name: "one-host", Effect: "ALLOW", IpRanges: ["192.0.2.10/32"], Actions: ["imap"] },
      { Name: "sloppy-range", Effect: "ALLOW", IpRanges: ["172.16.5.9/12"] },
      { Name: "deny-smtp-everywhere", Effect: "DENY", Actions: ["SMTP"], IpRanges: ["0.0.0.0/0"] },
    ],
    requests: [
      [user("bob", "IMAP", "192.0.2.10"), "ALLOW", ["one-host"]],
      [user("bob", "IMAP", "192.0.2.11"), "DENY"],
      [user("bob", "EWS", "172.31.255.255"), "ALLOW", ["sloppy-range"]],
      [user("bob", "EWS", "172.32.0.0"), "DENY"],
      [user("bob", "SMTP", "172.16.0.1"), "DENY", ["deny-smtp-everywhere"]],
    ],
  },
];

describe("access control rules", () => {
  for (const c of CASES) {
    describe(c.title, () => {
      for (const [request, effect, matched] of c.requests) {
        const who = request.userId ?? `role ${request.impersonationRoleId ?? ""}`;
        it(`${who} ${request.action} from ${request.ipAddress} -> ${effect}`, () => {
          const d = evaluateAccessControl(c.rules, request);
          expect(d.effect).toBe(effect);
          if (matched !== undefined) expect(d.matchedRules).toEqual(matched);
        });
      }
    });
  }
});

describe("action names", () => {
  it("are matched in any case and answered in the service's spelling", () => {
    expect(canonicalAction("activesync")).toBe("ActiveSync");
    expect(canonicalAction("WINDOWSOUTLOOK")).toBe("WindowsOutlook");
    expect(canonicalAction("EWS")).toBe("EWS");
    expect(canonicalAction("POP3")).toBeUndefined();
    expect(canonicalAction("")).toBeUndefined();
  });
});
