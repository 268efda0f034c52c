import type { Table } from "../../inventory/tables.js";
import { MAILBOX_MAP_COLUMNS } from "../mailbox-map-columns.js";
import { plannedMailboxes, type Plan } from "./plan-model.js";

/** mapping.csv and mailbox-map.csv: the plan's two tables, written with the inventory's CSV writer. */
const MAPPING_COLUMNS = [
  "address",
  "addressType",
  "entity",
  "entityType",
  "status",
  "targetAddress",
  "targetType",
  "targetIdentity",
  "reason",
] as const;

export function mappingTable(plan: Plan): Table {
  return { columns: MAPPING_COLUMNS, rows: plan.mapping.map((m) => ({ ...m })) };
}

export function mailboxMapTable(plan: Plan): Table {
  const [mailbox, login] = MAILBOX_MAP_COLUMNS;
  return {
    columns: MAILBOX_MAP_COLUMNS,
    rows: plannedMailboxes(plan).map((m) => ({ [mailbox]: m.mailbox, [login]: m.targetLogin })),
  };
}
