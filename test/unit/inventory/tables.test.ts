import { describe, expect, it } from "vitest";
import type { InventoryArea } from "../../../src/inventory/area.js";
import {
  coreTables,
  csvCell,
  inventoryTables,
  normalizeTable,
  tableCsv,
  type Table,
} from "../../../src/inventory/tables.js";
import { sampleInventory } from "./fixtures.js";

const csv = async (t: Table | undefined) => {
  if (t === undefined) throw new Error("no such table");
  return tableCsv(t);
};

describe("inventory CSV tables", () => {
  it("writes one table per entity kind and relation, in a fixed order", () => {
    expect([...coreTables(sampleInventory()).keys()]).toEqual([
      "organization",
      "domains",
      "domain-records",
      "users",
      "groups",
      "group-members",
      "resources",
      "resource-delegates",
      "aliases",
      "mailboxes",
      "mailbox-permissions",
    ]);
  });

  it("users.csv: every attribute column, lists joined with ;, RFC 4180 quoting", async () => {
    expect(await csv(coreTables(sampleInventory()).get("users"))).toBe(
      "name,email,displayName,firstName,lastName,initials,telephone,street,jobTitle,city,company,zipCode,department,country,office,role,state,hidden,identityProviderUserId,aliases,enabledDate,disabledDate\n" +
        'bob,bob@example.com,"Bob Smith, Jr.",Bob,,,,,,"Saint-""Denis""",,,,,,USER,ENABLED,false,,bobby@example.com;b@acme.awsapps.com,,\n' +
        "carol,,carol,,,,,,,,,,,,,USER,DISABLED,true,,,,\n",
    );
  });

  it("groups, nested members, resources with booking options and delegates, aliases of every kind", async () => {
    const t = coreTables(sampleInventory());
    expect(await csv(t.get("groups"))).toBe(
      "name,email,state,hidden,members,aliases,enabledDate,disabledDate\n" +
        "All Staff,all@example.com,ENABLED,false,2,,,\n" +
        "sales,sales@example.com,ENABLED,true,1,deals@example.com,,\n",
    );
    expect(await csv(t.get("group-members"))).toBe(
      "group,member,memberType\nAll Staff,sales,GROUP\nAll Staff,carol,USER\nsales,bob,USER\n",
    );
    expect(await csv(t.get("resources"))).toBe(
      "name,email,type,description,state,hidden,autoAcceptRequests,autoDeclineRecurringRequests,autoDeclineConflictingRequests,delegates,aliases,enabledDate,disabledDate\n" +
        'room-1,room-1@example.com,ROOM,"12 seats\nprojector",ENABLED,false,false,true,true,1,,,\n',
    );
    expect(await csv(t.get("resource-delegates"))).toBe("resource,delegate,delegateType\nroom-1,sales,GROUP\n");
    expect(await csv(t.get("aliases"))).toBe(
      "entity,entityType,primaryEmail,alias\n" +
        "bob,USER,bob@example.com,bobby@example.com\n" +
        "bob,USER,bob@example.com,b@acme.awsapps.com\n" +
        "sales,GROUP,sales@example.com,deals@example.com\n",
    );
  });

  it("domains with their records, mailboxes, permissions", async () => {
    const t = coreTables(sampleInventory());
    expect(await csv(t.get("domains"))).toBe(
      "domain,default,testDomain,ownershipVerificationStatus,dkimVerificationStatus\nacme.awsapps.com,false,true,VERIFIED,VERIFIED\nexample.com,true,false,VERIFIED,VERIFIED\n",
    );
    expect(await csv(t.get("domain-records"))).toBe(
      "domain,type,hostname,value\nexample.com,TXT,_amazonses.example.com.,tok3n\nexample.com,MX,example.com.,10 inbound-smtp.us-east-1.amazonaws.com.\n",
    );
    expect(await csv(t.get("mailboxes"))).toBe("user,email,quotaMb,sizeMb\nbob,bob@example.com,2048,1.5\n");
    expect(await csv(t.get("mailbox-permissions"))).toBe(
      "mailbox,mailboxType,grantee,granteeType,permissions\nbob,USER,sales,GROUP,SEND_AS;SEND_ON_BEHALF\n",
    );
  });

  it("an area missing from the inventory (skipped) has no table; empty lists keep their header", async () => {
    const doc = sampleInventory();
    delete doc.areas.domains;
    doc.areas.groups = [];
    const t = coreTables(doc);
    expect(t.has("domains")).toBe(false);
    expect(t.has("domain-records")).toBe(false);
    expect(await csv(t.get("group-members"))).toBe("group,member,memberType\n");
  });

  it("adds the policy areas' tables; plain rows get the union of their keys; a taken name is refused", async () => {
    const doc = sampleInventory();
    doc.areas["access-rules"] = [{ name: "deny-imap", effect: "DENY" }];
    const area = (name: string, tables: InventoryArea["tables"]): InventoryArea => ({
      name,
      collect: () => Promise.resolve(null),
      restore: () => Promise.resolve([]),
      tables,
    });
    const rules = area("access-rules", (data) => ({
      "access-rules": (data as Array<Record<string, unknown>>).map((r, i) => (i === 0 ? r : { ...r, extra: 1 })),
    }));
    const all = inventoryTables(doc, [rules, area("not-collected", () => ({ x: [{ a: 1 }] }))]);
    expect([...all.keys()].slice(-1)).toEqual(["access-rules"]);
    expect(await csv(all.get("access-rules"))).toBe("name,effect\ndeny-imap,DENY\n");
    expect(() => inventoryTables(doc, [area("access-rules", () => ({ users: [] }))])).toThrow(
      "returns a table named users",
    );
  });

  it("normalizes plain rows and cells", () => {
    expect(normalizeTable([])).toBeUndefined();
    expect(normalizeTable([{ a: 1 }, { b: 2, a: 3 }])?.columns).toEqual(["a", "b"]);
    expect(normalizeTable({ columns: ["x"], rows: [] })?.columns).toEqual(["x"]);
    expect([
      csvCell(undefined),
      csvCell(null),
      csvCell(true),
      csvCell(0),
      csvCell(["a", "b"]),
      csvCell({ k: "v" }),
    ]).toEqual(["", "", "true", "0", "a;b", '{"k":"v"}']);
  });
});
