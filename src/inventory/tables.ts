import type { InventoryArea, InventoryTable } from "./area.js";
import { USER_ATTRIBUTES, type InventoryDocument } from "./document.js";

export interface Table {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Record<string, unknown>>;
}

/** The CSV tables of the core areas, in file order; an area missing from the inventory has no table. */
export function coreTables(doc: InventoryDocument): Map<string, Table> {
  const a = doc.areas;
  const t = new Map<string, Table>();
  if (a.organization !== undefined) {
    const o = a.organization;
    t.set("organization", {
      columns: [
        "alias",
        "state",
        "defaultMailDomain",
        "interoperabilityEnabled",
        "directoryType",
        "migrationAdmin",
        "completedDate",
      ],
      rows: [{ ...o }],
    });
  }
  if (a.domains !== undefined) {
    t.set("domains", {
      columns: ["domain", "default", "testDomain", "ownershipVerificationStatus", "dkimVerificationStatus"],
      rows: a.domains.map((d) => ({
        domain: d.name,
        default: d.isDefault,
        testDomain: d.isTestDomain,
        ownershipVerificationStatus: d.ownershipVerificationStatus,
        dkimVerificationStatus: d.dkimVerificationStatus,
      })),
    });
    t.set("domain-records", {
      columns: ["domain", "type", "hostname", "value"],
      rows: a.domains.flatMap((d) => d.records.map((r) => ({ domain: d.name, ...r }))),
    });
  }
  if (a.users !== undefined) {
    t.set("users", {
      columns: [
        "name",
        "email",
        "displayName",
        ...USER_ATTRIBUTES,
        "role",
        "state",
        "hidden",
        "identityProviderUserId",
        "aliases",
        "enabledDate",
        "disabledDate",
      ],
      rows: a.users.map((u) => ({ ...u })),
    });
  }
  if (a.groups !== undefined) {
    t.set("groups", {
      columns: ["name", "email", "state", "hidden", "members", "aliases", "enabledDate", "disabledDate"],
      rows: a.groups.map((g) => ({ ...g, members: g.members.length })),
    });
    t.set("group-members", {
      columns: ["group", "member", "memberType"],
      rows: a.groups.flatMap((g) => g.members.map((m) => ({ group: g.name, member: m.name, memberType: m.type }))),
    });
  }
  if (a.resources !== undefined) {
    t.set("resources", {
      columns: [
        "name",
        "email",
        "type",
        "description",
        "state",
        "hidden",
        "autoAcceptRequests",
        "autoDeclineRecurringRequests",
        "autoDeclineConflictingRequests",
        "delegates",
        "aliases",
        "enabledDate",
        "disabledDate",
      ],
      rows: a.resources.map((r) => ({ ...r, ...r.bookingOptions, delegates: r.delegates.length })),
    });
    t.set("resource-delegates", {
      columns: ["resource", "delegate", "delegateType"],
      rows: a.resources.flatMap((r) =>
        r.delegates.map((d) => ({ resource: r.name, delegate: d.name, delegateType: d.type })),
      ),
    });
  }
  if (a.users !== undefined || a.groups !== undefined || a.resources !== undefined) {
    const rows: Record<string, unknown>[] = [];
    const add = (
      entityType: string,
      list: ReadonlyArray<{ name: string; email?: string | undefined; aliases: string[] }> | undefined,
    ) => {
      for (const e of list ?? [])
        for (const alias of e.aliases) rows.push({ entity: e.name, entityType, primaryEmail: e.email, alias });
    };
    add("USER", a.users);
    add("GROUP", a.groups);
    add("RESOURCE", a.resources);
    t.set("aliases", { columns: ["entity", "entityType", "primaryEmail", "alias"], rows });
  }
  if (a.mailboxes !== undefined) {
    t.set("mailboxes", { columns: ["user", "email", "quotaMb", "sizeMb"], rows: a.mailboxes.map((m) => ({ ...m })) });
  }
  const perms = a["mailbox-permissions"];
  if (perms !== undefined) {
    t.set("mailbox-permissions", {
      columns: ["mailbox", "mailboxType", "grantee", "granteeType", "permissions"],
      rows: perms.map((p) => ({ ...p })),
    });
  }
  return t;
}

/** Every table: the core ones, then each policy area's (an area's table may not reuse a core file name). */
export function inventoryTables(doc: InventoryDocument, areas: readonly InventoryArea[]): Map<string, Table> {
  const all = coreTables(doc);
  for (const area of areas) {
    if (area.tables === undefined || !(area.name in doc.areas)) continue;
    for (const [name, table] of Object.entries(area.tables(doc.areas[area.name]))) {
      if (all.has(name))
        throw new Error(`inventory area ${area.name} returns a table named ${name}, which another area already writes`);
      const t = normalizeTable(table);
      if (t !== undefined) all.set(name, t);
    }
  }
  return all;
}

/** Rows with explicit columns as they are; plain rows get the union of their keys (none: no table). */
export function normalizeTable(table: InventoryTable): Table | undefined {
  if (!Array.isArray(table)) return table as Table;
  const rows = table as ReadonlyArray<Record<string, unknown>>;
  if (rows.length === 0) return undefined;
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  return { columns, rows };
}

/** A CSV cell: booleans true/false, lists joined with `;`, objects as JSON, nothing as empty. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(csvCell).join(";");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The table as CSV text (RFC 4180 quoting by csv-stringify), header first. */
export async function tableCsv(table: Table): Promise<string> {
  const { stringify } = await import("csv-stringify/sync");
  const records = [[...table.columns], ...table.rows.map((r) => table.columns.map((c) => csvCell(r[c])))];
  return stringify(records, { eof: true });
}
