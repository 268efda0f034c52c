import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { InventoryDocument } from "../../src/inventory/document.js";
import { DomainMap } from "../../src/inventory/domain-map.js";

const VOLATILE = new Set(["id", "enabledDate", "disabledDate", "completedDate"]);

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

/**
 * What must survive `org restore` into another organization: the areas, without ids, dates, the
 * organization's identity (alias, directory, ARN), mailbox sizes (mail moves by export, not by
 * restore), and domains' records and statuses (tokens differ per organization; a restored domain
 * starts PENDING). Test domains and domains mapped onto the target's test domain drop out; the
 * source side is read through `map` (the restore's --map-domain plus the test-domain mapping).
 */
export function comparableInventory(
  doc: InventoryDocument,
  map: DomainMap = DomainMap.none,
  targetTestDomain?: string,
): Record<string, unknown> {
  const areas = map.deep(doc.areas) as InventoryDocument["areas"];
  const out: Record<string, unknown> = {};
  for (const [name, data] of Object.entries(areas)) {
    if (name === "organization") {
      const o = data as NonNullable<InventoryDocument["areas"]["organization"]>;
      out[name] = { defaultMailDomain: o.defaultMailDomain, interoperabilityEnabled: o.interoperabilityEnabled };
    } else if (name === "domains") {
      out[name] = (data as NonNullable<InventoryDocument["areas"]["domains"]>)
        .filter((d) => !d.isTestDomain && d.name !== targetTestDomain)
        .map((d) => d.name)
        .sort();
    } else if (name === "mailboxes") {
      out[name] = (data as NonNullable<InventoryDocument["areas"]["mailboxes"]>).map(({ sizeMb: _size, ...m }) => m);
    } else {
      out[name] = strip(data);
    }
  }
  return out;
}

export function readInventoryJson(dir: string): InventoryDocument {
  return JSON.parse(readFileSync(join(dir, "inventory.json"), "utf8")) as InventoryDocument;
}
