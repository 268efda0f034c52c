import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestCounts, SimulatorControl } from "../../backend/simulator-control.js";
import { WORKMAIL_OPERATIONS, type WorkMailOperation } from "../../backend/workmail-api.js";
import { isSimulatedServiceError } from "../errors.js";
import type { LocalBackend } from "../local-backend.js";
import type { ServiceModel } from "../model/service-model.js";
import { ADMIN_PREFIX, handleAdmin } from "./admin-routes.js";
import type { FaultInjector } from "./faults.js";
import { headerMap, verifyRequest, type SigV4Credentials, type WireRequest } from "./sigv4.js";
import { createInputReviver, errorBody, modelledExceptions, toWireJson } from "./wire-codec.js";

export const TARGET_PREFIX = "WorkMailService";
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const OPERATIONS: ReadonlySet<string> = new Set(WORKMAIL_OPERATIONS);

export interface WireServerOptions {
  readonly backend: LocalBackend;
  readonly model: ServiceModel;
  /** The region the simulator answers for: requests must be signed for it. */
  readonly region: string;
  /** The store's credentials, or undefined to accept unsigned requests (--no-auth). */
  readonly credentials: SigV4Credentials | undefined;
  readonly faults: FaultInjector;
  readonly control: SimulatorControl;
  readonly counts: RequestCounts;
  /** One line per request (--debug). */
  readonly log?: ((line: string) => void) | undefined;
  /** True once the server is stopping: replies then close their connection. */
  readonly closing?: () => boolean;
  /** Unexpected failures (a bug in the simulator): logged with their stack. */
  readonly onInternalError: (e: unknown, operation: string) => void;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * The WorkMail wire protocol (awsJson1_1) over the LocalBackend, answering the way the AWS JSON
 * front end does, in its order of checks: method, body, content type, JSON, target, signature;
 * then the service's own validation and errors. The path of a WorkMail request is ignored, as AWS
 * ignores it; `/_wmctl/...` is the simulator's admin API.
 */
export function createWireHandler(options: WireServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const modelled = modelledExceptions(options.model);
  const revive = createInputReviver(options.model);
  const { counts, faults } = options;

  const json = (status: number, body: string, extra: Record<string, string> = {}): Reply => ({
    status,
    body,
    headers: { "Content-Type": JSON_CONTENT_TYPE, ...extra },
  });
  const error = (status: number, name: string, message?: string): Reply =>
    json(status, errorBody(name, message, modelled), { "x-amzn-ErrorType": name });
  const xml = (status: number, text: string): Reply => ({ status, body: text, headers: {} });

  const authenticate = (wire: WireRequest): Reply | undefined => {
    const creds = options.credentials;
    if (creds === undefined) return undefined;
    const verdict = verifyRequest(wire, {
      region: options.region,
      service: "workmail",
      lookup: (id) => (id === creds.accessKeyId ? creds : undefined),
    });
    if (verdict.ok) return undefined;
    counts.unauthenticated++;
    return error(400, verdict.failure.name, verdict.failure.message);
  };

  const serveWorkMail = async (req: IncomingMessage, wire: WireRequest, target: string | undefined, track: { counted: boolean }): Promise<{ reply: Reply; op: string }> => {
    if (req.method !== "POST") {
      return {
        op: "-",
        reply: xml(403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n"),
      };
    }
    const [prefix, opName, extra] = (target ?? "").split(".");
    const op = prefix === TARGET_PREFIX && extra === undefined && opName !== undefined && OPERATIONS.has(opName) ? (opName as WorkMailOperation) : undefined;
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (wire.body.length === 0) {
      return { op: op ?? "-", reply: op === undefined ? error(400, "UnknownOperationException") : error(400, "SerializationException") };
    }
    if (contentType !== JSON_CONTENT_TYPE) {
      if (target === undefined) {
        return { op: "-", reply: xml(403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n") };
      }
      return { op: op ?? "-", reply: xml(404, "<UnknownOperationException/>\n") };
    }
    let input: unknown;
    try {
      input = JSON.parse(wire.body.toString("utf8"));
    } catch {
      input = undefined;
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) return { op: op ?? "-", reply: error(400, "SerializationException") };
    if (op === undefined) return { op: "-", reply: error(400, "UnknownOperationException") };

    counts.total++;
    track.counted = true;
    const denied = authenticate(wire);
    if (denied !== undefined) return { op, reply: denied };
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fate = faults.decide();
    if (fate.kind === "throttle") {
      counts.throttled++;
      return { op, reply: error(400, "ThrottlingException", "Rate exceeded") };
    }
    if (fate.kind === "fail") {
      counts.injectedFailures++;
      return { op, reply: error(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.") };
    }
    try {
      const output = await options.backend.call(op, revive(op, input as Record<string, unknown>));
      return { op, reply: json(200, toWireJson(output ?? {})) };
    } catch (e) {
      if (isSimulatedServiceError(e)) return { op, reply: error(e.httpStatus, e.name, e.message) };
      options.onInternalError(e, op);
      return { op, reply: error(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.") };
    }
  };

  return (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const finish = (reply: Reply, op: string) => {
        if (track.counted && reply.status >= 400) counts.errors++;
        if (options.closing?.() === true) res.setHeader("Connection", "close");
        res.writeHead(reply.status, { ...reply.headers, ...cors(req), "x-amzn-RequestId": requestId, "Content-Length": Buffer.byteLength(reply.body) });
        res.end(reply.body);
        options.log?.(`${reply.status} ${op} ${(performance.now() - started).toFixed(1)}ms ${requestId}`);
      };
      if (tooLarge) {
        finish(error(413, "RequestEntityTooLargeException", `Request body must be at most ${MAX_BODY_BYTES} bytes`), "-");
        return;
      }
      const track = { counted: false };
      if (req.method === "OPTIONS" && req.headers.origin !== undefined) {
        finish({ status: 200, body: "", headers: preflight(req) }, "-");
        return;
      }
      const url = req.url ?? "/";
      const wire: WireRequest = { method: req.method ?? "GET", url, headers: headerMap(req.rawHeaders), body: Buffer.concat(chunks) };
      const path = url.split("?")[0] ?? "/";
      const adminAt = path.indexOf(ADMIN_PREFIX);
      const run = async (): Promise<{ reply: Reply; op: string }> => {
        if (adminAt >= 0) {
          const op = `admin ${req.method ?? ""} ${path.slice(adminAt)}`;
          const denied = authenticate(wire);
          if (denied !== undefined) return { op, reply: denied };
          const r = await handleAdmin(options.control, req.method ?? "GET", url.slice(url.indexOf(ADMIN_PREFIX) + ADMIN_PREFIX.length), wire.body);
          return { op, reply: { status: r.status, body: r.body, headers: { "Content-Type": "application/json" } } };
        }
        const target = req.headers["x-amz-target"];
        return serveWorkMail(req, wire, Array.isArray(target) ? target[0] : target, track);
      };
      run().then(
        ({ reply, op }) => finish(reply, op),
        (e: unknown) => {
          options.onInternalError(e, "-");
          finish(error(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."), "-");
        },
      );
    });
  };
}

/** Browsers (an SDK in a web page) get the CORS headers the AWS front end sends. */
function cors(req: IncomingMessage): Record<string, string> {
  if (req.headers.origin === undefined) return {};
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
  };
}

function preflight(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = { "Access-Control-Max-Age": "172800" };
  const headers = req.headers["access-control-request-headers"];
  const method = req.headers["access-control-request-method"];
  if (headers !== undefined) h["Access-Control-Allow-Headers"] = headers;
  if (method !== undefined) h["Access-Control-Allow-Methods"] = method;
  return h;
}
