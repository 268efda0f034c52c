import { UsageError } from "../errors/cli-error.js";

/** A field a bulk verb reads from each row, by wmctl's camelCase name. */
export type FieldKind = "string" | "list" | "boolean";

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly describe: string;
}

/**
 * The header names each field is found under, normalized (lower case, letters and digits only,
 * a bracketed note like "[Required]" dropped), best first. They cover wmctl's own inventory CSVs,
 * the Microsoft 365 admin center's user export and bulk-add template, and Google Workspace's user
 * download/upload CSV.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  name: ["name", "username", "user", "login", "samaccountname", "mailnickname"],
  user: [
    "user",
    "name",
    "username",
    "login",
    "samaccountname",
    "mailnickname",
    "userprincipalname",
    "upn",
    "email",
    "emailaddress",
    "primaryemail",
    "mail",
  ],
  email: [
    "email",
    "emailaddress",
    "primaryemail",
    "primaryemailaddress",
    "primarysmtpaddress",
    "mail",
    "userprincipalname",
    "upn",
  ],
  displayName: ["displayname", "fullname"],
  firstName: ["firstname", "givenname"],
  lastName: ["lastname", "surname", "familyname", "sn"],
  initials: ["initials"],
  telephone: ["telephone", "telephonenumber", "phone", "phonenumber", "officephone", "workphone", "businessphone"],
  street: ["street", "streetaddress", "address"],
  jobTitle: ["jobtitle", "title", "employeetitle"],
  city: ["city"],
  company: ["company", "companyname"],
  zipCode: ["zipcode", "zip", "postalcode", "ziporpostalcode"],
  department: ["department"],
  country: ["country", "countryregion", "countryorregion"],
  office: ["office", "officenumber", "officelocation", "physicaldeliveryofficename"],
  role: ["role", "userrole"],
  hidden: ["hidden", "hiddenfromglobaladdresslist", "hiddenfromaddresslists"],
  aliases: ["aliases", "emailaliases", "proxyaddresses"],
  groups: ["groups", "group", "memberof"],
  password: ["password"],
  quota: ["quota", "quotamb", "mailboxquota", "mailboxquotamb"],
  state: ["state", "status", "accountstatus"],
  blocked: ["blockcredential", "blocked", "accountdisabled"],
  group: ["group", "groupname", "groupemail"],
  member: ["member", "members", "membername", "memberemail"],
  members: ["members", "member"],
  entity: ["entity", "user", "group", "resource", "name", "primaryemail", "email"],
  alias: ["alias", "aliases", "address"],
  mailbox: ["mailbox", "identity", "user", "name", "email"],
  grantee: ["grantee", "delegate", "trustee"],
  permissions: ["permissions", "permission", "accessrights"],
  type: ["type", "resourcetype"],
  description: ["description"],
  delegates: ["delegates", "delegate"],
  autoAcceptRequests: ["autoacceptrequests", "autoaccept"],
  autoDeclineRecurringRequests: ["autodeclinerecurringrequests", "declinerecurring"],
  autoDeclineConflictingRequests: ["autodeclineconflictingrequests", "declineconflicting"],
  manager: ["manager", "manageremail", "handto"],
  export: ["export", "exportmailbox"],
};

export function normalizeHeader(header: string): string {
  return header
    .replace(/\[[^\]]*\]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Which field each input column feeds (undefined: ignored). */
export interface ColumnMapping {
  readonly byColumn: ReadonlyMap<string, string>;
  readonly ignored: readonly string[];
}

/**
 * Maps the input's columns onto a verb's fields: `--map column=field` first (`column=` ignores a
 * column), then by header name (exact field name, then the synonyms in order of preference). Each
 * field takes at most one column; a column feeds at most one field.
 */
export function mapColumns(
  headers: readonly string[],
  fields: readonly FieldSpec[],
  maps: readonly string[],
): ColumnMapping {
  const byColumn = new Map<string, string>();
  const taken = new Set<string>();
  const fieldNames = new Set(fields.map((f) => f.name));
  const forced = new Set<string>();
  for (const m of maps) {
    const eq = m.lastIndexOf("=");
    if (eq <= 0) throw new UsageError(`--map ${m}: expected COLUMN=FIELD`, `fields: ${[...fieldNames].join(", ")}`);
    const column = m.slice(0, eq).trim();
    const field = m.slice(eq + 1).trim();
    const header =
      headers.find((h) => h === column) ?? headers.find((h) => h.trim().toLowerCase() === column.toLowerCase());
    if (header === undefined)
      throw new UsageError(`--map ${m}: the input has no column "${column}"`, `its columns: ${headers.join(", ")}`);
    forced.add(header);
    if (field === "" || field === "-") continue;
    if (!fieldNames.has(field))
      throw new UsageError(`--map ${m}: this verb has no field "${field}"`, `fields: ${[...fieldNames].join(", ")}`);
    if (taken.has(field)) throw new UsageError(`--map ${m}: field ${field} is mapped twice`);
    byColumn.set(header, field);
    taken.add(field);
  }
  // Microsoft 365's export (it has "Block credential") calls the state or province "State": not an account state.
  if (headers.some((h) => normalizeHeader(h) === "blockcredential"))
    for (const h of headers) if (normalizeHeader(h) === "state" && !byColumn.has(h)) forced.add(h);
  const free = headers.filter((h) => !forced.has(h));
  // An exact field name wins over a synonym: `name` and `email` columns keep their meaning.
  for (const f of fields) {
    if (taken.has(f.name)) continue;
    const h = free.find((c) => !byColumn.has(c) && normalizeHeader(c) === f.name.toLowerCase());
    if (h !== undefined) {
      byColumn.set(h, f.name);
      taken.add(f.name);
    }
  }
  for (const f of fields) {
    if (taken.has(f.name)) continue;
    for (const syn of SYNONYMS[f.name] ?? []) {
      const h = free.find((c) => !byColumn.has(c) && normalizeHeader(c) === syn);
      if (h !== undefined) {
        byColumn.set(h, f.name);
        taken.add(f.name);
        break;
      }
    }
  }
  return { byColumn, ignored: headers.filter((h) => !byColumn.has(h) && normalizeHeader(h) !== "") };
}

export type FieldValue = string | string[] | boolean | undefined;

/** A row as fields: empty cells are absent. */
export type Fields = Readonly<Record<string, FieldValue>>;

/** One input record (CSV cells or JSONL values) as the verb's fields. */
export function rowFields(
  record: Readonly<Record<string, unknown>>,
  mapping: ColumnMapping,
  fields: readonly FieldSpec[],
): { fields: Fields; problems: string[] } {
  const kinds = new Map(fields.map((f) => [f.name, f.kind]));
  const out: Record<string, FieldValue> = {};
  const problems: string[] = [];
  for (const [column, field] of mapping.byColumn) {
    const raw = record[column];
    const kind = kinds.get(field) ?? "string";
    const value = fieldValue(raw, kind, normalizeHeader(column) === "proxyaddresses");
    if (value === null) problems.push(`${column}: "${String(raw)}" is not true or false`);
    else if (value !== undefined) out[field] = value;
  }
  return { fields: out, problems };
}

const TRUE = new Set(["true", "yes", "y", "1", "on", "x"]);
const FALSE = new Set(["false", "no", "n", "0", "off"]);

/** A cell as a field value; null for a boolean that is neither true nor false. */
export function fieldValue(raw: unknown, kind: FieldKind, proxyAddresses = false): FieldValue | null {
  if (raw === undefined || raw === null) return undefined;
  if (kind === "boolean") {
    if (typeof raw === "boolean") return raw;
    const t = String(raw).trim().toLowerCase();
    if (t === "") return undefined;
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    return null;
  }
  if (kind === "list") {
    const items = Array.isArray(raw) ? raw.map((v) => String(v)) : splitList(String(raw), proxyAddresses);
    const cleaned = items.map((s) => s.trim()).filter((s) => s !== "");
    return cleaned.length === 0 ? undefined : cleaned;
  }
  const s = (typeof raw === "object" ? JSON.stringify(raw) : String(raw)).trim();
  return s === "" ? undefined : s;
}

/**
 * `a;b`, `a,b` or `a|b`. Microsoft 365's proxy addresses (`SMTP:primary@x+smtp:alias@y`) keep
 * only the secondary SMTP addresses: the upper-case SMTP: one is the primary, x500:/sip: are not mail.
 */
function splitList(text: string, proxyAddresses: boolean): string[] {
  if (!proxyAddresses) return text.split(/[;,|]/);
  return text
    .split(/[;,|]|\+(?=[A-Za-z0-9]+:)/)
    .map((s) => s.trim())
    .filter((s) => /^smtp:/.test(s) || !/^[A-Za-z0-9]+:/.test(s))
    .map((s) => s.replace(/^smtp:/, ""));
}
