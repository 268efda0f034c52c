import { USER_ATTRIBUTES } from "../backend/user-attributes.js";

/**
 * The shape `org restore` relies on, checked before anything changes, so that an edited or
 * damaged inventory.json is one clear error (`areas.users[3].name: expected a string`) instead of
 * a restore that stops halfway. Policy areas' data is not checked here (each area owns its shape).
 */
type Shape =
  | "string"
  | "string?"
  | "boolean"
  | "number?"
  | { readonly array: Shape }
  | { readonly [field: string]: Shape };

const STRINGS: Shape = { array: "string" };
const MEMBERS: Shape = { array: { name: "string", type: "string" } };

const AREA_SHAPES: Readonly<Record<string, Shape>> = {
  organization: { alias: "string?", defaultMailDomain: "string?", interoperabilityEnabled: "boolean" },
  domains: {
    array: {
      name: "string",
      isDefault: "boolean",
      isTestDomain: "boolean",
      records: { array: { type: "string", hostname: "string", value: "string" } },
    },
  },
  users: {
    array: {
      name: "string",
      email: "string?",
      state: "string",
      role: "string",
      displayName: "string?",
      hidden: "boolean",
      aliases: STRINGS,
      ...Object.fromEntries(USER_ATTRIBUTES.map((a) => [a, "string?"])),
      identityProviderUserId: "string?",
    },
  },
  groups: {
    array: { name: "string", email: "string?", state: "string", hidden: "boolean", aliases: STRINGS, members: MEMBERS },
  },
  resources: {
    array: {
      name: "string",
      email: "string?",
      state: "string",
      type: "string",
      description: "string?",
      hidden: "boolean",
      aliases: STRINGS,
      delegates: MEMBERS,
      bookingOptions: {
        autoAcceptRequests: "boolean",
        autoDeclineRecurringRequests: "boolean",
        autoDeclineConflictingRequests: "boolean",
      },
    },
  },
  mailboxes: { array: { user: "string", email: "string?", quotaMb: "number?", sizeMb: "number?" } },
  "mailbox-permissions": {
    array: { mailbox: "string", mailboxType: "string", grantee: "string", granteeType: "string", permissions: STRINGS },
  },
};

/** The first problem with the document's shape, or undefined when restore can rely on it. */
export function checkInventoryShape(doc: Record<string, unknown>): string | undefined {
  const source = doc.source as Record<string, unknown> | undefined;
  if (source === null || typeof source !== "object" || typeof source.organizationId !== "string")
    return "source.organizationId: expected a string";
  const areas = doc.areas;
  if (areas === null || typeof areas !== "object" || Array.isArray(areas)) return "areas: expected an object";
  if (!Array.isArray(doc.skipped)) return "skipped: expected an array";
  for (const [name, shape] of Object.entries(AREA_SHAPES)) {
    const value = (areas as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const problem = check(value, shape, `areas.${name}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function check(value: unknown, shape: Shape, path: string): string | undefined {
  switch (shape) {
    case "string":
      return typeof value === "string" && value !== "" ? undefined : `${path}: expected a non-empty string`;
    case "string?":
      return value === undefined || typeof value === "string" ? undefined : `${path}: expected a string`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${path}: expected true or false`;
    case "number?":
      return value === undefined || (typeof value === "number" && Number.isFinite(value))
        ? undefined
        : `${path}: expected a number`;
  }
  if ("array" in shape && typeof shape.array !== "undefined" && Object.keys(shape).length === 1) {
    if (!Array.isArray(value)) return `${path}: expected an array`;
    for (let i = 0; i < value.length; i++) {
      const p = check(value[i], shape.array as Shape, `${path}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `${path}: expected an object`;
  for (const [field, s] of Object.entries(shape as Record<string, Shape>)) {
    const p = check((value as Record<string, unknown>)[field], s, `${path}.${field}`);
    if (p !== undefined) return p;
  }
  return undefined;
}
