import type { FaultSettings, SimulatorControl } from "../../backend/simulator-control.js";
import { parseDurationArg } from "../../time/duration.js";
import { ControlError } from "../control-error.js";
import { decodeControl, encodeControl, plainJson } from "./control-codec.js";

/** The admin path's prefix: outside the WorkMail namespace (which is POST / with X-Amz-Target). */
export const ADMIN_PREFIX = "/_wmctl/";

export interface AdminReply {
  readonly status: number;
  readonly body: string;
}

type Route = (control: SimulatorControl, body: Record<string, unknown>) => Promise<unknown>;

const str = (v: unknown, what: string): string => {
  if (typeof v !== "string" || v === "")
    throw new ControlError("ValidationException", `${what} must be a non-empty string`);
  return v;
};

/**
 * The admin HTTP API, for tests in any language (JSON in and out, Dates as ISO-8601):
 *   GET  /_wmctl/status | now | lifecycle | faults | snapshots | coverage
 *   POST /_wmctl/reset
 *   POST /_wmctl/advance    {"duration": "25h"} or {"seconds": 90000}
 *   POST /_wmctl/snapshot   {"name": "before-test"}      (name optional)
 *   POST /_wmctl/restore    {"name": "before-test"}
 *   POST /_wmctl/lifecycle  {"organizationCreateSeconds": 30}   (null: back to the default)
 *   POST /_wmctl/faults     {"throttleTps": 5, "errorRate": 0.1, "latencyMs": 50}
 *   POST /_wmctl/control/<method>  {"args": [...]}  (wmctl's own client: every SimulatorControl method)
 */
const GET_ROUTES: Readonly<Record<string, Route>> = {
  status: (c) => c.status(),
  now: async (c) => ({ now: await c.now() }),
  lifecycle: (c) => c.lifecycle(),
  faults: (c) => c.faults(),
  snapshots: (c) => c.snapshots(),
  coverage: (c) => c.coverage(),
};

const POST_ROUTES: Readonly<Record<string, Route>> = {
  reset: async (c) => {
    await c.reset();
    return {};
  },
  advance: async (c, b) => {
    let ms: number;
    if (typeof b.seconds === "number") ms = b.seconds * 1000;
    else if (typeof b.duration === "string") {
      try {
        ms = parseDurationArg(b.duration);
      } catch (e) {
        throw new ControlError("ValidationException", (e as Error).message);
      }
    } else throw new ControlError("ValidationException", 'give {"duration": "25h"} or {"seconds": 90000}');
    return { now: await c.advance(ms) };
  },
  snapshot: (c, b) => c.snapshot(b.name === undefined ? undefined : str(b.name, "name")),
  restore: (c, b) => c.restore(str(b.name, "name")),
  lifecycle: (c, b) => c.setLifecycle(b as Record<string, number | null>),
  faults: (c, b) => c.setFaults(b as Partial<FaultSettings>),
};

export async function handleAdmin(
  control: SimulatorControl,
  method: string,
  path: string,
  rawBody: Buffer,
): Promise<AdminReply> {
  try {
    const route = path.split("?")[0] ?? "";
    if (route.startsWith("control/")) {
      if (method !== "POST") return notFound(method, path);
      const name = route.slice("control/".length);
      const fn = (control as unknown as Record<string, unknown>)[name];
      if (name === "location" || !Object.hasOwn(control, name) || typeof fn !== "function") {
        throw new ControlError("ResourceNotFoundException", `the simulator has no control method "${name}"`);
      }
      let args: unknown = [];
      try {
        if (rawBody.length > 0)
          args = (decodeControl(rawBody.toString("utf8")) as { args?: unknown } | null)?.args ?? [];
      } catch {
        args = undefined;
      }
      if (!Array.isArray(args))
        throw new ControlError("ValidationException", 'the request body must be {"args": [...]}');
      const result: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(control, args);
      return { status: 200, body: encodeControl({ result: result ?? null }) };
    }
    const table = method === "GET" ? GET_ROUTES : method === "POST" ? POST_ROUTES : undefined;
    const handler = table?.[route];
    if (handler === undefined) return notFound(method, path);
    let body: Record<string, unknown> = {};
    if (method === "POST" && rawBody.length > 0) {
      try {
        const parsed: unknown = JSON.parse(rawBody.toString("utf8"));
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        throw new ControlError("ValidationException", "the request body must be a JSON object");
      }
    }
    return { status: 200, body: plainJson((await handler(control, body)) ?? null) };
  } catch (e) {
    if (e instanceof ControlError)
      return { status: e.httpStatus, body: JSON.stringify({ __type: e.name, message: e.message }) };
    const err = e as Error & { $fault?: string; httpStatus?: number };
    if (err.$fault !== undefined)
      return { status: err.httpStatus ?? 400, body: JSON.stringify({ __type: err.name, message: err.message }) };
    return { status: 500, body: JSON.stringify({ __type: "InternalFailure", message: err.message }) };
  }
}

function notFound(method: string, path: string): AdminReply {
  const routes = [
    ...Object.keys(GET_ROUTES).map((r) => `GET ${ADMIN_PREFIX}${r}`),
    ...Object.keys(POST_ROUTES).map((r) => `POST ${ADMIN_PREFIX}${r}`),
  ];
  return {
    status: 404,
    body: JSON.stringify({
      __type: "ResourceNotFoundException",
      message: `no admin route ${method} ${ADMIN_PREFIX}${path}; routes: ${routes.join(", ")}`,
    }),
  };
}
