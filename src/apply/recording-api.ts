import type { WorkMailApi } from "../backend/workmail-api.js";

export interface PlannedCall {
  /** The operation, e.g. `CreateUser`. */
  readonly action: string;
  /** What it acts on, by name where the restore knows it. */
  readonly target: string;
  readonly details: Record<string, unknown>;
}

const PLANNED = "planned:";

/** An id the dry-run made up for something it would create. */
export function isPlannedId(id: string | undefined): boolean {
  return id !== undefined && id.startsWith(PLANNED);
}

/** Reads reach the backend; everything else is a change. */
function isRead(method: string): boolean {
  return /^(list|describe|get)[A-Z]/.test(method);
}

/** The members that name what an operation acts on, most specific first. */
const TARGET_KEYS = [
  "Name",
  "DomainName",
  "GroupId",
  "ResourceId",
  "UserId",
  "EntityId",
  "ImpersonationRoleId",
  "MobileDeviceAccessRuleId",
  "ResourceARN",
];
const DROPPED = new Set(["OrganizationId", "ClientToken"]);
const SECRET = /password|secret|credential/i;

/**
 * The port for `org restore --dry-run`: reads go to the target organization, and every other
 * operation is recorded as a planned change (with secrets hidden and ids shown as names) and
 * answered with made-up ids, so the same restore code runs and nothing changes.
 */
export function recordingApi(
  api: WorkMailApi,
  options: { onCall(call: PlannedCall): void; labelOf(id: string): string | undefined },
): WorkMailApi {
  let n = 0;
  const label = (v: unknown): unknown => (typeof v === "string" ? (options.labelOf(v) ?? v) : v);
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop !== "string" || isRead(prop)) return value;
      return (input: Record<string, unknown> = {}) => {
        const action = prop.charAt(0).toUpperCase() + prop.slice(1);
        const key = TARGET_KEYS.find((k) => typeof input[k] === "string");
        const details: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(input)) {
          if (k === key || DROPPED.has(k) || v === undefined) continue;
          const named = /.Id$/.test(k) && typeof v === "string" ? options.labelOf(v) : undefined;
          const names =
            /.Ids$/.test(k) &&
            Array.isArray(v) &&
            v.some((x) => typeof x === "string" && options.labelOf(x) !== undefined)
              ? v.map(label)
              : undefined;
          if (named !== undefined) details[lowerFirst(k.slice(0, -2))] = named;
          else if (names !== undefined) details[`${lowerFirst(k.slice(0, -3))}s`] = names;
          else details[lowerFirst(k)] = redact(k, v);
        }
        options.onCall({ action, target: key === undefined ? "" : String(label(input[key])), details });
        const id = `${PLANNED}${++n}:${typeof input.Name === "string" ? input.Name : ""}`;
        return Promise.resolve({
          UserId: id,
          GroupId: id,
          ResourceId: id,
          ImpersonationRoleId: id,
          MobileDeviceAccessRuleId: id,
          ApplicationArn: id,
          OrganizationId: id,
        });
      };
    },
  });
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function redact(key: string, value: unknown): unknown {
  if (SECRET.test(key)) return "(hidden)";
  if (Array.isArray(value)) return value.map((v) => redact("", v));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(k, v)]));
  return value;
}
