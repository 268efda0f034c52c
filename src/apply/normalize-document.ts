import { EMAIL_ADDRESS } from "../context/default-email.js";

type Obj = Record<string, unknown>;

const PERMISSIONS = new Set(["FULL_ACCESS", "SEND_AS", "SEND_ON_BEHALF"]);
const ROLES = new Set(["USER", "REMOTE_USER", "SYSTEM_USER", "RESOURCE"]);
const STATES = new Set(["ENABLED", "DISABLED"]);
/** A new resource's booking options (what the service gives one nobody changed). */
const DEFAULT_BOOKING = {
  autoAcceptRequests: true,
  autoDeclineRecurringRequests: false,
  autoDeclineConflictingRequests: true,
};

class Problem extends Error {}

/**
 * Fills in what a hand-written desired-state document may leave out, the way `org inventory`
 * would have written it (state from the address, role USER, not hidden, no aliases, members and
 * delegates as plain names, the service's booking options), and checks what the shape check
 * cannot: addresses, states, roles, unique names and addresses, references between entities.
 * Mutates `areas`; returns the first problem (`users[3].email: ...`), or undefined.
 */
export function normalizeAreas(areas: Obj, prefix: string): string | undefined {
  try {
    normalize(areas, prefix);
    return undefined;
  } catch (e) {
    if (e instanceof Problem) return e.message;
    throw e;
  }
}

function fail(path: string, what: string): never {
  throw new Problem(`${path}: ${what}`);
}

function list(areas: Obj, key: string, prefix: string): Obj[] {
  const v = areas[key];
  if (v === undefined) return [];
  if (v === null) {
    areas[key] = [];
    return [];
  }
  if (!Array.isArray(v)) fail(`${prefix}${key}`, "expected a list");
  return v.map((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item))
      fail(`${prefix}${key}[${i}]`, "expected an object");
    return item as Obj;
  });
}

function normalize(areas: Obj, prefix: string): void {
  const users = list(areas, "users", prefix);
  const groups = list(areas, "groups", prefix);
  const resources = list(areas, "resources", prefix);
  const kindOf = new Map<string, { kind: string; path: string }>();
  const addresses = new Map<string, string>();

  const entity = (e: Obj, path: string, kind: string) => {
    if (typeof e.name !== "string" || e.name.trim() === "") fail(`${path}.name`, "expected a name");
    const seen = kindOf.get(e.name.toLowerCase());
    if (seen !== undefined)
      fail(`${path}.name`, `"${e.name}" is also ${seen.path}: names are unique across users, groups and resources`);
    kindOf.set(e.name.toLowerCase(), { kind, path });
    if (e.email === null) delete e.email;
    e.aliases ??= [];
    e.hidden ??= false;
    if (e.email !== undefined) address(e.email, `${path}.email`);
    if (!Array.isArray(e.aliases)) fail(`${path}.aliases`, "expected a list of addresses");
    e.aliases.forEach((a: unknown, i: number) => {
      address(a, `${path}.aliases[${i}]`);
    });
    if (e.state === undefined) e.state = e.email === undefined ? "DISABLED" : "ENABLED";
    if (typeof e.state === "string") e.state = e.state.toUpperCase();
    if (typeof e.state !== "string" || !STATES.has(e.state))
      fail(`${path}.state`, `expected ENABLED or DISABLED, found ${JSON.stringify(e.state)}`);
    if (e.state === "ENABLED" && e.email === undefined)
      fail(`${path}.email`, `an enabled ${kind} needs a primary address`);
    if (e.email === undefined && e.aliases.length > 0)
      fail(`${path}.aliases`, `aliases need a primary address (${path}.email)`);
  };
  const address = (a: unknown, path: string) => {
    if (typeof a !== "string" || !EMAIL_ADDRESS.test(a)) fail(path, `${JSON.stringify(a)} is not an email address`);
    const key = a.toLowerCase();
    const other = addresses.get(key);
    if (other !== undefined) fail(path, `${a} is also ${other}`);
    addresses.set(key, path);
  };

  users.forEach((u, i) => {
    const path = `${prefix}users[${i}]`;
    entity(u, path, "user");
    u.role ??= "USER";
    if (typeof u.role === "string") u.role = u.role.toUpperCase();
    if (typeof u.role !== "string" || !ROLES.has(u.role))
      fail(`${path}.role`, `expected USER or REMOTE_USER, found ${JSON.stringify(u.role)}`);
  });
  groups.forEach((g, i) => {
    entity(g, `${prefix}groups[${i}]`, "group");
  });
  resources.forEach((r, i) => {
    const path = `${prefix}resources[${i}]`;
    entity(r, path, "resource");
    if (typeof r.type === "string") r.type = r.type.toUpperCase();
    if (r.type !== "ROOM" && r.type !== "EQUIPMENT")
      fail(`${path}.type`, `expected ROOM or EQUIPMENT, found ${JSON.stringify(r.type)}`);
    const booking = r.bookingOptions ?? {};
    if (booking === null || typeof booking !== "object" || Array.isArray(booking))
      fail(
        `${path}.bookingOptions`,
        "expected an object (autoAcceptRequests, autoDeclineRecurringRequests, autoDeclineConflictingRequests)",
      );
    r.bookingOptions = { ...DEFAULT_BOOKING, ...(booking as Obj) };
  });

  /** A member or delegate: a name (or { name, type }); it must be a user or group of the document when the document lists that kind. */
  const ref = (m: unknown, path: string, allowed: readonly string[]): Obj => {
    const name = typeof m === "string" ? m : m !== null && typeof m === "object" ? (m as Obj).name : undefined;
    if (typeof name !== "string" || name === "") fail(path, "expected a name");
    const found = kindOf.get(name.toLowerCase());
    const given =
      typeof m === "object" && m !== null && typeof (m as Obj).type === "string"
        ? ((m as Obj).type as string).toUpperCase()
        : undefined;
    const type = given ?? (found?.kind === "group" ? "GROUP" : "USER");
    if (!allowed.includes(type)) fail(`${path}.type`, `expected ${allowed.join(" or ")}`);
    const listed = type === "GROUP" ? areas.groups !== undefined : areas.users !== undefined;
    if (listed && found?.kind !== type.toLowerCase()) fail(path, `no ${type.toLowerCase()} "${name}" in the document`);
    return { name, type };
  };
  groups.forEach((g, i) => {
    const path = `${prefix}groups[${i}].members`;
    g.members ??= [];
    if (!Array.isArray(g.members)) fail(path, "expected a list of names");
    g.members = (g.members as unknown[]).map((m, j) => ref(m, `${path}[${j}]`, ["USER", "GROUP"]));
  });
  resources.forEach((r, i) => {
    const path = `${prefix}resources[${i}].delegates`;
    r.delegates ??= [];
    if (!Array.isArray(r.delegates)) fail(path, "expected a list of names");
    r.delegates = (r.delegates as unknown[]).map((m, j) => ref(m, `${path}[${j}]`, ["USER", "GROUP"]));
  });

  list(areas, "mailboxes", prefix).forEach((m, i) => {
    const path = `${prefix}mailboxes[${i}]`;
    if (typeof m.user !== "string") fail(`${path}.user`, "expected a user name");
    if (areas.users !== undefined && kindOf.get(m.user.toLowerCase())?.kind !== "user")
      fail(`${path}.user`, `no user "${m.user}" in the document`);
    if (m.quotaMb !== undefined && (typeof m.quotaMb !== "number" || !Number.isInteger(m.quotaMb) || m.quotaMb < 1))
      fail(`${path}.quotaMb`, "expected a whole number of MB");
  });
  const typeOf = (name: string) => (kindOf.get(name.toLowerCase())?.kind ?? "user").toUpperCase();
  // With all three kinds listed, a mailbox or grantee must be one of them; otherwise it may be one the document does not manage.
  const allListed = areas.users !== undefined && areas.groups !== undefined && areas.resources !== undefined;
  list(areas, "mailbox-permissions", prefix).forEach((p, i) => {
    const path = `${prefix}mailbox-permissions[${i}]`;
    for (const k of ["mailbox", "grantee"] as const) {
      if (typeof p[k] !== "string" || p[k] === "") fail(`${path}.${k}`, "expected a name");
      if (allListed && !kindOf.has((p[k] as string).toLowerCase()))
        fail(`${path}.${k}`, `no user, group or resource "${p[k] as string}" in the document`);
    }
    p.mailboxType ??= typeOf(p.mailbox as string);
    p.granteeType ??= typeOf(p.grantee as string);
    if (typeof p.permissions === "string") p.permissions = p.permissions.split(/[\s,;]+/).filter((x) => x !== "");
    if (!Array.isArray(p.permissions) || p.permissions.length === 0)
      fail(`${path}.permissions`, "expected a list of FULL_ACCESS, SEND_AS, SEND_ON_BEHALF");
    p.permissions = (p.permissions as unknown[]).map((v, j) => {
      const s = typeof v === "string" ? v.toUpperCase() : v;
      if (typeof s !== "string" || !PERMISSIONS.has(s))
        fail(
          `${path}.permissions[${j}]`,
          `expected FULL_ACCESS, SEND_AS or SEND_ON_BEHALF, found ${JSON.stringify(v)}`,
        );
      return s;
    });
  });
  list(areas, "domains", prefix).forEach((d, i) => {
    if (typeof d.name !== "string") fail(`${prefix}domains[${i}].name`, "expected a domain name");
    d.isDefault ??= false;
    d.isTestDomain ??= (d.name as string).toLowerCase().endsWith(".awsapps.com");
    d.records ??= [];
  });
  const org = areas.organization as Obj | undefined;
  if (org !== undefined && org !== null && typeof org === "object") {
    org.id ??= "(document)";
    org.interoperabilityEnabled ??= false;
  }
}
