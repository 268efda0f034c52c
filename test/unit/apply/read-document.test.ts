import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDesiredState } from "../../../src/apply/read-document.js";
import { INVENTORY_AREAS } from "../../../src/inventory/areas.js";
import { sampleInventory } from "../inventory/fixtures.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-apply-doc-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const POLICY = INVENTORY_AREAS.map((a) => a.name);
const stdin = (text = "") => {
  const s = new PassThrough();
  s.end(text);
  return s;
};
const read = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return readDesiredState(path, stdin(), POLICY);
};
const problem = async (name: string, text: string) => {
  try {
    await read(name, text);
  } catch (e) {
    return (e as Error).message.replace(`${join(dir, name)}: `, "");
  }
  throw new Error("no problem found");
};

describe("readDesiredState", () => {
  it("fills in what a hand-written document leaves out, as org inventory would write it", async () => {
    const { doc } = await read(
      "org.yaml",
      [
        "users:",
        "  - { name: bob, email: Bob@Example.com }",
        "  - { name: gina }",
        "  - { name: rita, role: remote_user }",
        "groups:",
        "  - { name: ops, email: ops@example.com, members: [bob, { name: admins }] }",
        "  - { name: admins, members: [gina] }",
        "resources:",
        "  - { name: van, type: equipment, delegates: [ops], bookingOptions: { autoAcceptRequests: false } }",
        "mailbox-permissions:",
        "  - { mailbox: van, grantee: ops, permissions: send_as send_on_behalf }",
      ].join("\n"),
    );
    expect(doc.source.organizationId).toBe("(document)");
    expect(doc.areas.users).toEqual([
      { name: "bob", email: "Bob@Example.com", aliases: [], hidden: false, state: "ENABLED", role: "USER" },
      { name: "gina", aliases: [], hidden: false, state: "DISABLED", role: "USER" },
      { name: "rita", aliases: [], hidden: false, state: "DISABLED", role: "REMOTE_USER" },
    ]);
    expect(doc.areas.groups?.[0]?.members).toEqual([
      { name: "bob", type: "USER" },
      { name: "admins", type: "GROUP" },
    ]);
    expect(doc.areas.resources?.[0]).toMatchObject({
      type: "EQUIPMENT",
      delegates: [{ name: "ops", type: "GROUP" }],
      bookingOptions: {
        autoAcceptRequests: false,
        autoDeclineRecurringRequests: false,
        autoDeclineConflictingRequests: true,
      },
    });
    expect(doc.areas["mailbox-permissions"]).toEqual([
      {
        mailbox: "van",
        grantee: "ops",
        mailboxType: "RESOURCE",
        granteeType: "GROUP",
        permissions: ["SEND_AS", "SEND_ON_BEHALF"],
      },
    ]);
    expect(doc.areas.resources).toBeDefined();
    expect("domains" in doc.areas).toBe(false);
  });

  it("reads an inventory as it is, from its folder, a .json file or stdin", async () => {
    const inv = sampleInventory();
    mkdirSync(join(dir, "inv"));
    writeFileSync(join(dir, "inv", "inventory.json"), JSON.stringify(inv));
    const fromDir = await readDesiredState(join(dir, "inv"), stdin(), POLICY);
    expect(fromDir.label).toBe(join(dir, "inv", "inventory.json"));
    expect(fromDir.doc.areas.users).toEqual(inv.areas.users);
    expect(fromDir.doc.source).toEqual(inv.source);
    const fromStdin = await readDesiredState("-", stdin(JSON.stringify(inv)), POLICY);
    expect(fromStdin.label).toBe("stdin");
    expect(fromStdin.doc.areas.groups).toEqual(inv.areas.groups);
  });

  it("names the place of each problem", async () => {
    expect(
      await problem("a.yaml", "users:\n  - { name: bob, email: bob@example.com, aliases: [bob@example.com] }\n"),
    ).toBe("users[0].aliases[0]: bob@example.com is also users[0].email");
    expect(await problem("a.yaml", "users:\n  - { name: bob, aliases: [b@example.com] }\n")).toBe(
      "users[0].aliases: aliases need a primary address (users[0].email)",
    );
    expect(await problem("a.yaml", "users:\n  - { name: bob, state: gone }\n")).toBe(
      'users[0].state: expected ENABLED or DISABLED, found "GONE"',
    );
    expect(await problem("a.yaml", "users:\n  - { name: bob, role: admin }\n")).toBe(
      'users[0].role: expected USER or REMOTE_USER, found "ADMIN"',
    );
    expect(await problem("a.yaml", "users:\n  - { name: bob, hidden: maybe }\n")).toBe(
      "users[0].hidden: expected true or false",
    );
    expect(await problem("a.yaml", "users:\n  - bob\n")).toBe("users[0]: expected an object");
    expect(await problem("a.yaml", "users: {}\n")).toBe("users: expected a list");
    expect(await problem("a.yaml", "users: []\nmailboxes:\n  - { user: zoe, quotaMb: 10 }\n")).toBe(
      'mailboxes[0].user: no user "zoe" in the document',
    );
    expect(await problem("a.yaml", "users:\n  - { name: bob }\nmailboxes:\n  - { user: bob, quotaMb: -1 }\n")).toBe(
      "mailboxes[0].quotaMb: expected a whole number of MB",
    );
    expect(
      await problem(
        "a.yaml",
        "users:\n  - { name: bob }\nmailbox-permissions:\n  - { mailbox: bob, grantee: bob, permissions: [READ] }\n",
      ),
    ).toBe('mailbox-permissions[0].permissions[0]: expected FULL_ACCESS, SEND_AS or SEND_ON_BEHALF, found "READ"');
    expect(
      await problem(
        "a.yaml",
        "users: []\ngroups: []\nresources: []\nmailbox-permissions:\n  - { mailbox: bob, grantee: ann, permissions: [SEND_AS] }\n",
      ),
    ).toBe('mailbox-permissions[0].mailbox: no user, group or resource "bob" in the document');
    expect(await problem("a.yaml", "groups:\n  - { name: g, members: [{ name: r, type: RESOURCE }] }\n")).toBe(
      "groups[0].members[0].type: expected USER or GROUP",
    );
    expect(await problem("a.yaml", "resources:\n  - { name: r, type: room, bookingOptions: yes }\n")).toBe(
      "resources[0].bookingOptions: expected an object (autoAcceptRequests, autoDeclineRecurringRequests, autoDeclineConflictingRequests)",
    );
    expect(
      await problem(
        "a.yaml",
        "resources:\n  - { name: r, type: room, bookingOptions: { autoAcceptRequests: sometimes } }\n",
      ),
    ).toBe("resources[0].bookingOptions.autoAcceptRequests: expected true or false");
    expect(await problem("a.yaml", "- 1\n")).toBe(
      "expected an object (an inventory, or areas such as users: and groups: at the top)",
    );
    expect(await problem("a.json", '{"formatVersion": 99}')).toBe(
      "formatVersion: this wmctl reads format 2 and earlier, found 99",
    );
    expect(await problem("a.json", '{"users": [}')).toMatch(/^.*a\.json is not valid JSON: /);
  });

  it("refuses a YAML alias bomb, a folder without inventory.json and a non-regular file", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n");
    await expect(read("bomb.yaml", bomb)).rejects.toThrow(/is not valid YAML: /);
    mkdirSync(join(dir, "empty"));
    await expect(readDesiredState(join(dir, "empty"), stdin(), POLICY)).rejects.toThrow(
      /cannot read .*inventory\.json: ENOENT/,
    );
    await expect(readDesiredState("/dev/zero", stdin(), POLICY)).rejects.toThrow("-f /dev/zero is not a regular file");
  });
});
