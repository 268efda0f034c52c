import type { OutputSpec } from "../../output/format.js";

/** One alias and the user, group or resource that has it. */
export interface AliasView {
  alias: string;
  entity: string;
  entityId: string;
  type: string;
  primaryEmail: string | undefined;
  /** For add/remove: what happened to this alias. */
  result?: "added" | "unchanged" | "removed" | undefined;
}

const FIELDS = ["alias", "entity", "entityId", "type", "primaryEmail", "result"] as const;

export const aliasListOutput: OutputSpec = {
  fields: FIELDS,
  columns: ["alias", "entity", "type", "primaryEmail"],
  list: true,
  empty: "no aliases",
};
export const aliasChangeOutput: OutputSpec = { fields: FIELDS, columns: ["alias", "entity", "result"], list: true };

/** The noun of an entity type, for messages and hints (`wmctl user enable bob`). */
export function nounOf(type: string): string {
  return type === "GROUP" ? "group" : type === "RESOURCE" ? "resource" : "user";
}
