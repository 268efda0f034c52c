import { USER_ATTRIBUTES } from "../backend/user-attributes.js";

/**
 * The shape `org restore` relies on, checked before anything changes, so that an edited or
 * damaged inventory.json is one clear error (`areas.users[3].name: expected a string`) instead of
 * a restore that stops halfway, or a policy area that fails at apply time with exit 1 where the
 * document was wrong. `string` is a non-empty string, `text` any string; `oneOf` lists the values a
 * field may take (in the service's spelling), `nullable` allows null for "not set".
 */
type Shape =
  | "string"
  | "string?"
  | "text"
  | "boolean"
  | "number?"
  | "strings?"
  | { readonly array: Shape }
  | { readonly oneOf: readonly string[] }
  | { readonly nullable: Shape }
  | { readonly [field: string]: Shape };

const STRINGS: Shape = { array: "string" };
const EFFECT: Shape = { oneOf: ["ALLOW", "DENY"] };
const NEGATABLE = (...fields: string[]): Record<string, Shape> =>
  Object.fromEntries(fields.flatMap((f) => [f, `not${f[0]?.toUpperCase()}${f.slice(1)}`]).map((f) => [f, "strings?"]));
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
  // The policy areas (src/inventory/areas/), as `org inventory` writes them.
  "impersonation-roles": {
    array: {
      name: "string",
      type: { oneOf: ["FULL_ACCESS", "READ_ONLY"] },
      description: "string?",
      rules: {
        array: { id: "string", name: "string?", description: "string?", effect: EFFECT, ...NEGATABLE("targetUsers") },
      },
    },
  },
  "access-rules": {
    array: {
      name: "string",
      effect: EFFECT,
      description: "string?",
      ...NEGATABLE("protocols", "ipRanges", "users", "roles"),
    },
  },
  "mobile-access": {
    rules: {
      array: {
        name: "string",
        effect: EFFECT,
        description: "string?",
        ...NEGATABLE("deviceTypes", "deviceModels", "operatingSystems", "userAgents"),
      },
    },
    overrides: { array: { user: "string", deviceId: "string", effect: EFFECT, description: "string?" } },
  },
  retention: {
    nullable: {
      name: "string",
      description: "string?",
      folders: {
        array: {
          folder: { oneOf: ["INBOX", "DELETED_ITEMS", "SENT_ITEMS", "DRAFTS", "JUNK_EMAIL"] },
          action: { oneOf: ["NONE", "DELETE", "PERMANENTLY_DELETE"] },
          days: "number?",
        },
      },
    },
  },
  "org-settings": {
    dmarcEnforced: "boolean",
    monitoring: { nullable: { logGroupArn: "string", roleArn: "string?" } },
  },
  availability: {
    array: {
      domain: "string",
      provider: { oneOf: ["EWS", "LAMBDA"] },
      ewsEndpoint: "string?",
      ewsUsername: "string?",
      lambdaArn: "string?",
    },
  },
  "identity-provider": {
    nullable: {
      authenticationMode: { oneOf: ["IDENTITY_PROVIDER_ONLY", "IDENTITY_PROVIDER_AND_DIRECTORY"] },
      instanceArn: "string",
      applicationArn: "string",
      personalAccessTokens: { oneOf: ["ACTIVE", "INACTIVE"] },
      tokenLifetimeDays: "number?",
    },
  },
  tags: { array: { key: "string", value: "text" } },
};

/**
 * A hand-written document may spell the values of `oneOf` fields in any case (`effect: allow`), as it
 * may spell states and roles: they are upper-cased in place to the service's spelling before the
 * check. An unknown value is left as it is, for the check to name.
 */
export function foldEnumCase(areas: Record<string, unknown>): void {
  for (const [name, shape] of Object.entries(AREA_SHAPES)) {
    const value = areas[name];
    if (value !== undefined) areas[name] = fold(value, shape);
  }
}

function fold(value: unknown, shape: Shape): unknown {
  if (typeof shape === "string" || value === null || value === undefined) return value;
  const only = Object.keys(shape).length === 1;
  if (only && "oneOf" in shape && Array.isArray(shape.oneOf)) {
    const upper = typeof value === "string" ? value.toUpperCase() : undefined;
    return upper !== undefined && (shape.oneOf as readonly string[]).includes(upper) ? upper : value;
  }
  if (only && "nullable" in shape && typeof shape.nullable !== "undefined") return fold(value, shape.nullable as Shape);
  if (only && "array" in shape && typeof shape.array !== "undefined")
    return Array.isArray(value) ? value.map((v) => fold(v, shape.array as Shape)) : value;
  if (typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [field, s] of Object.entries(shape as Record<string, Shape>))
    if (field in out) out[field] = fold(out[field], s);
  return out;
}

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
    case "text":
      return typeof value === "string" ? undefined : `${path}: expected a string`;
    case "strings?":
      return value === undefined || (Array.isArray(value) && value.every((v) => typeof v === "string"))
        ? undefined
        : `${path}: expected a list of strings`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${path}: expected true or false`;
    case "number?":
      return value === undefined || (typeof value === "number" && Number.isFinite(value))
        ? undefined
        : `${path}: expected a number`;
  }
  const only = Object.keys(shape).length === 1;
  if (only && "oneOf" in shape && Array.isArray(shape.oneOf)) {
    const values = shape.oneOf as readonly string[];
    return typeof value === "string" && values.includes(value)
      ? undefined
      : `${path}: expected ${values.slice(0, -1).join(", ")} or ${values.at(-1)}, found ${JSON.stringify(value) ?? "nothing"}`;
  }
  if (only && "nullable" in shape && typeof shape.nullable !== "undefined") {
    if (value === null) return undefined;
    if (value === undefined || typeof value !== "object" || Array.isArray(value))
      return `${path}: expected an object, or null for none`;
    return check(value, shape.nullable as Shape, path);
  }
  if (only && "array" in shape && typeof shape.array !== "undefined") {
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
