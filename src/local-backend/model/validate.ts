import { SimulatedServiceError } from "../errors.js";
import type { ServiceModel, Shape } from "./service-model.js";

const patternCache = new Map<string, RegExp>();

/** Model patterns are Java regular expressions matched against the whole value. */
function compile(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})$`, "u");
    patternCache.set(pattern, re);
  }
  return re;
}

interface Violation {
  readonly path: string;
  readonly value: unknown;
  readonly sensitive: boolean;
  readonly constraint: string;
}

/**
 * Checks a request against the operation's input shape, as the AWS front end does before the
 * service sees it: required members, types, lengths, ranges, patterns and enums. Throws
 * ValidationException with AWS's message ("1 validation error detected: Value 'x' at 'name'
 * failed to satisfy constraint: ..."), or SerializationException when a member has the wrong JSON
 * type. Unknown members are ignored, as the service ignores them.
 */
export function validateInput(model: ServiceModel, operation: string, input: unknown): void {
  const op = model.operations[operation];
  if (op?.input === undefined) return;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new SimulatedServiceError("SerializationException", "Start of structure or map found where not expected.");
  }
  const violations: Violation[] = [];
  checkStructure(model, op.input.shape, input as Record<string, unknown>, "", violations);
  if (violations.length === 0) return;
  const n = violations.length;
  const detail = violations
    .map((v) =>
      v.value === null
        ? `Value null at '${v.path}' failed to satisfy constraint: ${v.constraint}`
        : v.sensitive
          ? `Value at '${v.path}' failed to satisfy constraint: ${v.constraint}`
          : `Value '${display(v.value)}' at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
    )
    .join("; ");
  throw new SimulatedServiceError(
    "ValidationException",
    `${n} validation error${n > 1 ? "s" : ""} detected: ${detail}`,
  );
}

function checkStructure(
  model: ServiceModel,
  shapeName: string,
  value: Record<string, unknown>,
  path: string,
  out: Violation[],
): void {
  const shape = model.shapes[shapeName];
  if (shape?.members === undefined) return;
  for (const name of shape.required ?? []) {
    const v = value[name];
    if (v === undefined || v === null) {
      out.push({ path: join(path, name), value: null, sensitive: false, constraint: "Member must not be null" });
    }
  }
  for (const [name, ref] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    checkValue(model, ref.shape, v, join(path, name), out);
  }
}

function checkValue(model: ServiceModel, shapeName: string, value: unknown, path: string, out: Violation[]): void {
  const shape = model.shapes[shapeName];
  if (shape === undefined) return;
  switch (shape.type) {
    case "structure":
      if (typeof value !== "object" || Array.isArray(value)) throw serialization("Structure", value);
      checkStructure(model, shapeName, value as Record<string, unknown>, path, out);
      return;
    case "string":
      if (typeof value !== "string") throw serialization("String", value);
      checkString(shape, value, path, out);
      return;
    case "integer":
    case "long":
      if (typeof value !== "number" || !Number.isInteger(value))
        throw serialization(shape.type === "long" ? "Long" : "Integer", value);
      checkRange(shape, value, path, out);
      return;
    case "double":
    case "float":
      if (typeof value !== "number") throw serialization("Double", value);
      checkRange(shape, value, path, out);
      return;
    case "boolean":
      if (typeof value !== "boolean") throw serialization("Boolean", value);
      return;
    case "timestamp":
      if (!(value instanceof Date) && typeof value !== "number") throw serialization("Timestamp", value);
      return;
    case "blob":
      return;
    case "list": {
      if (!Array.isArray(value)) throw serialization("List", value);
      if (value.length < (shape.min ?? 0)) {
        out.push({
          path,
          value: `[${value.length} items]`,
          sensitive: false,
          constraint: `Member must have length greater than or equal to ${shape.min}`,
        });
      } else if (value.length > (shape.max ?? Number.POSITIVE_INFINITY)) {
        out.push({
          path,
          value: `[${value.length} items]`,
          sensitive: false,
          constraint: `Member must have length less than or equal to ${shape.max}`,
        });
      }
      const member = shape.member?.shape;
      if (member !== undefined)
        value.forEach((item, i) => {
          if (item !== null) checkValue(model, member, item, `${path}.${i + 1}.member`, out);
        });
      return;
    }
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) throw serialization("Map", value);
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > (shape.max ?? Number.POSITIVE_INFINITY)) {
        out.push({
          path,
          value: `{${entries.length} entries}`,
          sensitive: false,
          constraint: `Member must have length less than or equal to ${shape.max}`,
        });
      }
      for (const [k, v] of entries) {
        if (shape.key) checkValue(model, shape.key.shape, k, `${path}.${k}.key`, out);
        if (shape.value && v !== null) checkValue(model, shape.value.shape, v, `${path}.${k}.value`, out);
      }
      return;
    }
  }
}

function checkString(shape: Shape, value: string, path: string, out: Violation[]): void {
  const sensitive = shape.sensitive === true;
  const len = [...value].length;
  if (len < (shape.min ?? 0)) {
    out.push({ path, value, sensitive, constraint: `Member must have length greater than or equal to ${shape.min}` });
  } else if (len > (shape.max ?? Number.POSITIVE_INFINITY)) {
    out.push({ path, value, sensitive, constraint: `Member must have length less than or equal to ${shape.max}` });
  } else if (shape.enum !== undefined && !shape.enum.includes(value)) {
    out.push({ path, value, sensitive, constraint: `Member must satisfy enum value set: [${shape.enum.join(", ")}]` });
  } else if (shape.pattern !== undefined && !compile(shape.pattern).test(value)) {
    out.push({
      path,
      value,
      sensitive,
      constraint: `Member must satisfy regular expression pattern: ${shape.pattern}`,
    });
  }
}

function checkRange(shape: Shape, value: number, path: string, out: Violation[]): void {
  if (value < (shape.min ?? Number.NEGATIVE_INFINITY)) {
    out.push({
      path,
      value,
      sensitive: false,
      constraint: `Member must have value greater than or equal to ${shape.min}`,
    });
  } else if (value > (shape.max ?? Number.POSITIVE_INFINITY)) {
    out.push({
      path,
      value,
      sensitive: false,
      constraint: `Member must have value less than or equal to ${shape.max}`,
    });
  }
}

/**
 * A member of the wrong JSON type, answered with the messages of the AWS JSON front end's
 * deserializer (as recorded against the service, "an String" included).
 */
function serialization(
  expected: "String" | "Integer" | "Long" | "Double" | "Boolean" | "Timestamp" | "List" | "Map" | "Structure",
  value: unknown,
): SimulatedServiceError {
  const fail = (message: string) => new SimulatedServiceError("SerializationException", message);
  if (Array.isArray(value)) return fail("Start of list found where not expected");
  if (value !== null && typeof value === "object") return fail("Start of structure or map found where not expected.");
  if (expected === "List") return fail("Expected list or null");
  if (expected === "Map") return fail("Expected map or null");
  if (expected === "Structure") return fail("Expected null");
  if (expected === "Boolean" && typeof value === "string")
    return fail(`'${value.toUpperCase()}' can not be converted to an Boolean`);
  const javaClass =
    typeof value === "string"
      ? "java.lang.String"
      : typeof value === "boolean"
        ? "java.lang.Boolean"
        : "java.math.BigDecimal";
  return fail(`class ${javaClass} can not be converted to an ${expected}`);
}

/** AWS names members in lower camel case in validation messages: `filters.usernamePrefix`. */
function join(path: string, member: string): string {
  const lc = member.charAt(0).toLowerCase() + member.slice(1);
  return path === "" ? lc : `${path}.${lc}`;
}

function display(value: unknown): string {
  if (typeof value === "string") return value.length > 256 ? value.slice(0, 256) + "..." : value;
  return String(value);
}
