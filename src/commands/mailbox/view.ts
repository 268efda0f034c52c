import type { PermissionType } from "@aws-sdk/client-workmail";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import type { OutputSpec } from "../../output/format.js";

export interface MailboxView {
  mailbox: string;
  email: string | undefined;
  id: string;
  type: string;
  state: string | undefined;
  quotaMegabytes: number | undefined;
  sizeMegabytes: number | undefined;
  usedPercent: number | undefined;
}

export const mailboxOutput: OutputSpec = {
  fields: ["mailbox", "email", "id", "type", "state", "quotaMegabytes", "sizeMegabytes", "usedPercent"],
  columns: ["mailbox", "email", "state", "quotaMegabytes", "sizeMegabytes", "usedPercent"],
};

/** WorkMail notifies users at 90 percent of their quota (guide: editing user details). */
export const QUOTA_WARNING_PERCENT = 90;

export function mailboxView(
  e: ResolvedEntity,
  quotaMegabytes: number | undefined,
  sizeMegabytes: number | undefined,
): MailboxView {
  return {
    mailbox: e.name,
    email: e.email,
    id: e.id,
    type: e.type,
    state: e.state,
    quotaMegabytes,
    sizeMegabytes,
    usedPercent:
      quotaMegabytes === undefined || sizeMegabytes === undefined
        ? undefined
        : Math.round((sizeMegabytes / quotaMegabytes) * 10000) / 100,
  };
}

export interface PermissionView {
  mailbox: string;
  grantee: string;
  granteeEmail: string | undefined;
  granteeType: string;
  granteeId: string;
  permissions: string;
  via?: string;
}

export const permissionOutput: OutputSpec = {
  fields: ["mailbox", "grantee", "granteeEmail", "granteeType", "granteeId", "permissions", "via"],
  columns: ["grantee", "granteeEmail", "granteeType", "permissions"],
  list: true,
  empty: "no mailbox permissions",
};

export const PERMISSIONS: readonly PermissionType[] = ["FULL_ACCESS", "SEND_AS", "SEND_ON_BEHALF"];

/** `full-access`, `send_as`, `SendOnBehalf` ... -> the API's values. */
export function parsePermission(text: string): PermissionType | undefined {
  const key = text
    .trim()
    .toUpperCase()
    .replace(/[-\s]/g, "_")
    .replace(/^SENDONBEHALF$/, "SEND_ON_BEHALF")
    .replace(/^SENDAS$/, "SEND_AS")
    .replace(/^FULLACCESS$/, "FULL_ACCESS");
  return PERMISSIONS.find((p) => p === key);
}

/** Sizes: `500` (MB), `500MB`, `2GB`, `2G`, `50 GB`. */
export function parseQuotaMb(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (m === null) return undefined;
  const n = Number(m[1]) * (/^g/i.test(m[2] ?? "") ? 1024 : 1);
  return Number.isInteger(n) ? n : undefined;
}
