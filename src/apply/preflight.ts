import { ConflictError } from "../errors/cli-error.js";
import type { InventoryDocument } from "../inventory/document.js";
import type { ApplyPreparation } from "./run-steps.js";

export interface Notes {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Before anything changes: says how addresses are mapped, warns about --map-domain entries the
 * document does not use, and stops (exit 6) when a domain with addresses cannot carry them in the
 * target, saying what to do. Shared by `org restore` and `apply`.
 */
export function checkDomains(prep: ApplyPreparation, label: string, notes: Notes): void {
  for (const [from, to] of prep.map.entries()) notes.info(`Addresses on ${from} become addresses on ${to}`);
  for (const d of prep.unusedMappings) notes.warn(`--map-domain ${d}: the inventory has no address or domain on ${d}`);
  const blocked = prep.needs.filter((n) => n.problem !== undefined);
  if (blocked.length === 0) return;
  for (const n of blocked) {
    notes.warn(
      `${n.domain} (${n.addresses} address${n.addresses === 1 ? "" : "es"}${n.isDefault ? ", the default domain" : ""}): ${n.problem ?? ""}`,
    );
  }
  const first = blocked[0]?.domain ?? "example.com";
  throw new ConflictError(
    `${blocked.length} domain${blocked.length === 1 ? "" : "s"} of the inventory cannot carry addresses in ${label}: ${blocked.map((b) => b.domain).join(", ")}`,
    `verify ${blocked.length === 1 ? "it" : "them"} in ${label} first (wmctl domain add ${first}, publish its records: wmctl domain records ${first}, then wmctl domain verify ${first}), ` +
      `or rehearse on the test domain: --map-domain ${first}=${prep.target.testDomain ?? "<alias>.awsapps.com"}`,
  );
}

/** Warns when the document's interoperability setting differs from the target's (it cannot be changed). */
export function checkInteroperability(
  doc: InventoryDocument,
  prep: ApplyPreparation,
  source: string,
  label: string,
  notes: Notes,
): void {
  if (
    doc.areas.organization !== undefined &&
    doc.areas.organization.interoperabilityEnabled !== prep.target.interoperabilityEnabled
  ) {
    notes.warn(
      `${source} has interoperability with Exchange ${doc.areas.organization.interoperabilityEnabled ? "on" : "off"} and ${label} has it ${prep.target.interoperabilityEnabled ? "on" : "off"}; it cannot be changed after creation`,
    );
  }
}

/** Mailbox users the document has and the target lacks: they get generated passwords. */
export function newUserCount(doc: InventoryDocument, prep: ApplyPreparation): number {
  return (doc.areas.users ?? []).filter((u) => u.role === "USER" && prep.directory.byName(u.name) === undefined).length;
}

/** The note for new users' passwords when --passwords-out is not given. */
export function passwordsNote(newUsers: number): string {
  const them = newUsers === 1 ? "it" : "them";
  return `${newUsers} new user${newUsers === 1 ? " gets a random password" : "s get random passwords"} that wmctl does not keep: set ${them} with \`wmctl user reset-password\` (or pass --passwords-out FILE)`;
}
