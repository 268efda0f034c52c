import type { InventoryDocument, UserData } from "../../../src/inventory/document.js";

/** Values that break naive quoting: quotes of every kind, `$`, backticks, non-ASCII, commas, a newline. */
export const NASTY = `O'Brien "Bob" $HOME \`whoami\` Zoë ‘x’ ; a,b`;

const user = (name: string, extra: Partial<UserData> = {}): UserData => ({
  name,
  state: "ENABLED",
  role: "USER",
  hidden: false,
  aliases: [],
  email: `${name}@example.com`,
  ...extra,
});

/** A small organization with every case the plan must handle. */
export function planInventory(): InventoryDocument {
  return {
    format: "wmctl-inventory",
    formatVersion: 1,
    wmctlVersion: "0.1.0",
    createdAt: "2027-01-15T09:00:00.000Z",
    source: { organizationId: "m-0123", alias: "acme", backend: "local", region: "us-east-1" },
    areas: {
      organization: { id: "m-0123", alias: "acme", interoperabilityEnabled: false, defaultMailDomain: "example.com" },
      domains: [
        {
          name: "example.com",
          isDefault: true,
          isTestDomain: false,
          records: [
            { type: "TXT", hostname: "_amazonses.example.com.", value: "tok3n=" },
            { type: "MX", hostname: "example.com.", value: "10 inbound-smtp.us-east-1.amazonaws.com." },
            { type: "CNAME", hostname: "autodiscover.example.com.", value: "autodiscover.mail.us-east-1.awsapps.com." },
            { type: "CNAME", hostname: "abc._domainkey.example.com.", value: "abc.dkim.amazonses.com." },
            { type: "TXT", hostname: "example.com.", value: "v=spf1 include:amazonses.com ~all" },
            { type: "TXT", hostname: "_dmarc.example.com.", value: "v=DMARC1;p=quarantine;pct=100;fo=1" },
          ],
        },
        { name: "old.example", isDefault: false, isTestDomain: false, records: [] },
        { name: "acme.awsapps.com", isDefault: false, isTestDomain: true, records: [] },
      ],
      users: [
        user("bob", {
          displayName: NASTY,
          firstName: "Zoë",
          lastName: NASTY,
          aliases: ["bobby@example.com", "bob@acme.awsapps.com", "bob@old.example"],
          hidden: true,
          department: "R&D",
        }),
        user("carol", { aliases: ["carol@elsewhere.net"] }),
        user("dave", { email: "dave@acme.awsapps.com", aliases: ["dave.d@example.com"] }),
        user("erin", { state: "DISABLED", email: undefined }),
        user("frank", { state: "DISABLED", email: "frank@example.com" }),
        user("rita", { role: "REMOTE_USER" }),
        { name: "WorkMailSystemUser", state: "ENABLED", role: "SYSTEM_USER", hidden: true, aliases: [] },
      ],
      groups: [
        {
          name: "All Staff",
          email: "all@example.com",
          state: "ENABLED",
          hidden: false,
          aliases: ["everyone@example.com"],
          members: [
            { name: "Sales $team", type: "GROUP" },
            { name: "carol", type: "USER" },
            { name: "erin", type: "USER" },
          ],
        },
        {
          name: "Sales $team",
          email: "sales@example.com",
          state: "ENABLED",
          hidden: true,
          aliases: [],
          members: [
            { name: "bob", type: "USER" },
            { name: "dave", type: "USER" },
          ],
        },
        { name: "No Mail", state: "ENABLED", hidden: false, aliases: [], members: [] },
      ],
      resources: [
        {
          name: "Salle 'Zoë'",
          email: "salle@example.com",
          state: "ENABLED",
          type: "ROOM",
          description: "12 seats, `screen`",
          hidden: false,
          bookingOptions: {
            autoAcceptRequests: false,
            autoDeclineRecurringRequests: true,
            autoDeclineConflictingRequests: true,
          },
          delegates: [
            { name: "Sales $team", type: "GROUP" },
            { name: "carol", type: "USER" },
          ],
          aliases: ["room1@example.com"],
        },
        {
          name: "van",
          email: "van@example.com",
          state: "ENABLED",
          type: "EQUIPMENT",
          hidden: false,
          bookingOptions: {
            autoAcceptRequests: true,
            autoDeclineRecurringRequests: false,
            autoDeclineConflictingRequests: false,
          },
          delegates: [],
          aliases: [],
        },
      ],
      mailboxes: [{ user: "bob", email: "bob@example.com", quotaMb: 51200 }],
      "mailbox-permissions": [
        {
          mailbox: "bob",
          mailboxType: "USER",
          grantee: "carol",
          granteeType: "USER",
          permissions: ["FULL_ACCESS", "SEND_AS"],
        },
        {
          mailbox: "Sales $team",
          mailboxType: "GROUP",
          grantee: "bob",
          granteeType: "USER",
          permissions: ["SEND_ON_BEHALF"],
        },
        {
          mailbox: "carol",
          mailboxType: "USER",
          grantee: "Sales $team",
          granteeType: "GROUP",
          permissions: ["FULL_ACCESS"],
        },
      ],
    },
    skipped: [],
    files: [],
  };
}

/** PowerShell verbatim strings and array literals of a helper call line, back to values. */
export function psTokens(line: string): Array<string | string[]> {
  const QUOTES = "'\u2018\u2019\u201A\u201B";
  const out: Array<string | string[]> = [];
  let i = 0;
  let array: string[] | undefined;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === " " || ch === ",") {
      i++;
    } else if (line.startsWith("@(", i)) {
      array = [];
      i += 2;
    } else if (ch === ")" && array !== undefined) {
      out.push(array);
      array = undefined;
      i++;
    } else if (QUOTES.includes(ch)) {
      let v = "";
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated string in ${line}`);
        const c = line[i] as string;
        if (QUOTES.includes(c)) {
          const next = line[i + 1];
          if (next !== undefined && QUOTES.includes(next)) {
            v += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += c;
        i++;
      }
      if (array !== undefined) array.push(v);
      else out.push(v);
    } else {
      let w = "";
      while (i < line.length && line[i] !== " ") w += line[i++];
      if (w.startsWith("$") || /^[A-Z][A-Za-z]+-Wm/.test(w)) out.push(w);
      else throw new Error(`bare word ${w} in ${line}: every value must be quoted`);
    }
  }
  return out;
}

/** POSIX shell words (Python shlex, posix mode) of one GAM batch line. */
export function shlexSplit(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === " " || c === "\t") {
      if (word !== undefined) out.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let v = "";
      i++;
      while (line[i] !== '"') {
        if (i >= line.length) throw new Error(`unterminated " in ${line}`);
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) i++;
        v += line[i++];
      }
      i++;
      word = (word ?? "") + v;
    } else if (c === "\\") {
      word = (word ?? "") + (line[i + 1] ?? "");
      i += 2;
    } else {
      word = (word ?? "") + c;
      i++;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}
