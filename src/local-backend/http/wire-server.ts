import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestCounts, SimulatorControl } from "../../backend/simulator-control.js";
import { WORKMAIL_OPERATIONS, type WorkMailOperation } from "../../backend/workmail-api.js";
import { isSimulatedServiceError } from "../errors.js";
import type { LocalBackend } from "../local-backend.js";
import type { ServiceModel } from "../model/service-model.js";
import { ADMIN_PREFIX, handleAdmin } from "./admin-routes.js";
import { browserGuard } from "./browser-guard.js";
import type { FaultInjector } from "./faults.js";
import { BodyBudget, bodyLimitFor, DEFAULT_BODY_LIMITS, readBody, type BodyLimits } from "./request-body.js";
import { handleRoute53, isRoute53Path, route53Error } from "../route53/http.js";
import type { LocalHostedZones } from "../route53/local-hosted-zones.js";
import { handleS3, s3Error, type S3Reply, type S3Store } from "../s3/http.js";
import {
  headerMap,
  signingScope,
  verifyRequest,
  type SigV4Credentials,
  type SigV4Failure,
  type WireRequest,
} from "./sigv4.js";
import { createInputReviver, errorBody, modelledExceptions, toWireJson } from "./wire-codec.js";

const TARGET_PREFIX = "WorkMailService";
const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
/** How long a refused request's connection stays open so that its client can read the answer. */
const REFUSED_LINGER_MS = 2000;
/** Route 53 is a global service: its requests are signed for us-east-1 whatever the region. */
const ROUTE53_SIGNING_REGION = "us-east-1";
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
  /** The local Route 53, answered under /2013-04-01/ (restXml, signed for route53 in us-east-1). */
  readonly zones?: LocalHostedZones | undefined;
  /** The simulator's S3 buckets, readable path-style (signed for s3 in the simulator's region). */
  readonly s3?: S3Store | undefined;
  readonly counts: RequestCounts;
  /** One line per request (--debug). */
  readonly log?: ((line: string) => void) | undefined;
  /** True once the server is stopping: replies then close their connection. */
  readonly closing?: () => boolean;
  /** Unexpected failures (a bug in the simulator): logged with their stack. */
  readonly onInternalError: (e: unknown, operation: string) => void;
  /** The --host the server listens on (a Host header naming it is accepted without signatures). */
  readonly host?: string;
  /** Web origins allowed to call from a browser (--cors-origin). */
  readonly corsOrigins?: readonly string[] | undefined;
  readonly limits?: Partial<BodyLimits> | undefined;
  /** The handler also serves the server's `checkContinue` event: it sends 100 Continue itself. */
  readonly expectContinue?: boolean;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** S3 GetObject: a byte range of a file, streamed instead of `body`. */
  file?: { path: string; start: number; end: number } | undefined;
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

  /** The signature check of one service; undefined when it passes (or --no-auth). */
  const check = (
    wire: WireRequest,
    service: "workmail" | "route53" | "s3",
    region: string | readonly string[],
  ): SigV4Failure | undefined => {
    const creds = options.credentials;
    if (creds === undefined) return undefined;
    const verdict = verifyRequest(wire, {
      region,
      service,
      s3: service === "s3",
      lookup: (id) => (id === creds.accessKeyId ? creds : undefined),
    });
    if (verdict.ok) return undefined;
    counts.unauthenticated++;
    return verdict.failure;
  };
  const authenticate = (wire: WireRequest): Reply | undefined => {
    const failure = check(wire, "workmail", options.region);
    return failure === undefined ? undefined : error(400, failure.name, failure.message);
  };

  /** Route 53's restXml API on the same endpoint, with its own error shapes. */
  const serveRoute53 = async (wire: WireRequest, requestId: string): Promise<{ reply: Reply; op: string }> => {
    const op = `route53 ${wire.method} ${wire.url.split("?")[0] ?? ""}`;
    // The SDKs sign Route 53 for us-east-1; the AWS CLI given --endpoint-url signs for its configured
    // region, which is the simulator's after `eval "$(wmctl local credentials)"`: both are accepted.
    const failure = check(wire, "route53", [...new Set([ROUTE53_SIGNING_REGION, options.region])]);
    if (failure !== undefined) {
      const [status, code] = ROUTE53_AUTH_ERRORS[failure.name];
      return { op, reply: await route53Error(status, code, failure.message, requestId) };
    }
    if (options.zones === undefined)
      return {
        op,
        reply: await route53Error(404, "UnknownOperationException", "Route 53 is not served here", requestId),
      };
    return { op, reply: await handleRoute53(options.zones, wire, requestId) };
  };

  /** S3's read side (GetObject, HeadObject, ListObjectsV2, ListBuckets) over the simulator's buckets. */
  const serveS3 = (wire: WireRequest, requestId: string): { reply: Reply; op: string } => {
    const op = `s3 ${wire.method} ${wire.url.split("?")[0] ?? ""}`;
    const answer = (r: S3Reply, headers: Record<string, string> = {}) => ({
      op,
      reply: { status: r.status, body: r.body ?? "", headers: { ...r.headers, ...headers }, file: r.file },
    });
    const head = wire.method === "HEAD";
    const store = options.s3;
    const scope = signingScope(wire);
    if (
      options.credentials !== undefined &&
      scope !== undefined &&
      scope.service === "s3" &&
      store !== undefined &&
      scope.region !== store.region
    ) {
      counts.unauthenticated++;
      const message = `The authorization header is malformed; the region '${scope.region}' is wrong; expecting '${store.region}'`;
      return answer(s3Error(400, "AuthorizationHeaderMalformed", message, requestId, { Region: store.region }, head), {
        "x-amz-bucket-region": store.region,
      });
    }
    const failure = check(wire, "s3", store?.region ?? options.region);
    if (failure !== undefined) {
      const [status, code, message] = s3AuthError(failure);
      return answer(s3Error(status, code, message, requestId, {}, head));
    }
    if (store === undefined)
      return answer(s3Error(501, "NotImplemented", "S3 is not served here", requestId, {}, head));
    return answer(
      handleS3(
        {
          method: wire.method,
          url: wire.url,
          host: wire.headers.get("host")?.[0],
          range: wire.headers.get("range")?.[0],
          requestId,
        },
        store,
      ),
    );
  };

  const serveWorkMail = async (
    req: IncomingMessage,
    wire: WireRequest,
    target: string | undefined,
    track: { counted: boolean },
  ): Promise<{ reply: Reply; op: string }> => {
    if (req.method !== "POST") {
      return {
        op: "-",
        reply: xml(
          403,
          "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n",
        ),
      };
    }
    const [prefix, opName, extra] = (target ?? "").split(".");
    const op =
      prefix === TARGET_PREFIX && extra === undefined && opName !== undefined && OPERATIONS.has(opName)
        ? (opName as WorkMailOperation)
        : undefined;
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (wire.body.length === 0) {
      return {
        op: op ?? "-",
        reply: op === undefined ? error(400, "UnknownOperationException") : error(400, "SerializationException"),
      };
    }
    if (contentType !== JSON_CONTENT_TYPE) {
      if (target === undefined) {
        return {
          op: "-",
          reply: xml(
            403,
            "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n",
          ),
        };
      }
      return { op: op ?? "-", reply: xml(404, "<UnknownOperationException/>\n") };
    }
    let input: unknown;
    try {
      input = JSON.parse(wire.body.toString("utf8"));
    } catch {
      input = undefined;
    }
    if (input === null || typeof input !== "object" || Array.isArray(input))
      return { op: op ?? "-", reply: error(400, "SerializationException") };
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
      return {
        op,
        reply: error(
          500,
          "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.",
        ),
      };
    }
    try {
      const output = await options.backend.call(op, revive(op, input as Record<string, unknown>));
      return { op, reply: json(200, toWireJson(output ?? {})) };
    } catch (e) {
      if (isSimulatedServiceError(e)) return { op, reply: error(e.httpStatus, e.name, e.message) };
      options.onInternalError(e, op);
      return {
        op,
        reply: error(
          500,
          "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.",
        ),
      };
    }
  };

  const guard = browserGuard({
    auth: options.credentials !== undefined,
    corsOrigins: options.corsOrigins ?? [],
    host: options.host ?? "127.0.0.1",
  });
  const limits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const budget = new BodyBudget(limits.buffered);

  /** What the headers alone say about the signature (undefined: good so far, or --no-auth). */
  const headerFailure = (wire: WireRequest): SigV4Failure | undefined => {
    const creds = options.credentials;
    if (creds === undefined) return undefined;
    const verdict = verifyRequest(wire, {
      region: options.region,
      service: "workmail",
      headersOnly: true,
      lookup: (id) => (id === creds.accessKeyId ? creds : undefined),
    });
    return verdict.ok ? undefined : verdict.failure;
  };
  /** A signature failure found from the headers, in the shape of the service the request is for. */
  const authFailureReply = async (
    wire: WireRequest,
    path: string,
    failure: SigV4Failure,
    requestId: string,
  ): Promise<Reply> => {
    counts.unauthenticated++;
    if (wire.headers.get("x-amz-target") === undefined && path.indexOf(ADMIN_PREFIX) < 0) {
      if (isRoute53Path(path)) {
        const [status, code] = ROUTE53_AUTH_ERRORS[failure.name];
        return route53Error(status, code, failure.message, requestId);
      }
      if (isS3Request(wire, path)) {
        const [status, code, message] = s3AuthError(failure);
        const r = s3Error(status, code, message, requestId, {}, wire.method === "HEAD");
        return { status: r.status, body: r.body ?? "", headers: r.headers };
      }
    }
    return error(400, failure.name, failure.message);
  };

  return (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    const url = req.url ?? "/";
    const path = url.split("?")[0] ?? "/";
    const track = { counted: false };
    let cors: Record<string, string> = {};
    const finish = (reply: Reply, op: string) => {
      if (track.counted && reply.status >= 400) counts.errors++;
      if (options.closing?.() === true) res.setHeader("Connection", "close");
      const logLine = () =>
        options.log?.(`${reply.status} ${op} ${(performance.now() - started).toFixed(1)}ms ${requestId}`);
      if (reply.file !== undefined) {
        // S3 GetObject: Content-Length is the range's; stream the bytes.
        res.writeHead(reply.status, { ...reply.headers, ...cors, "x-amzn-RequestId": requestId });
        const stream = createReadStream(reply.file.path, { start: reply.file.start, end: reply.file.end });
        stream.on("error", () => res.destroy());
        stream.pipe(res);
        res.on("finish", logLine);
        return;
      }
      // A HEAD answer names the object's length (S3); every other reply the length of its body.
      const length =
        reply.headers["content-length"] === undefined ? { "Content-Length": Buffer.byteLength(reply.body) } : {};
      res.writeHead(reply.status, { ...reply.headers, ...cors, "x-amzn-RequestId": requestId, ...length });
      res.end(reply.body);
      logLine();
    };
    /**
     * Answers before the body is read (or while it is refused). What the client still sends is read
     * and dropped (never buffered) for a moment, so that it can read the answer; then the
     * connection is closed unless the body has ended.
     */
    const refuse = (reply: Reply, op: string) => {
      finish(reply, op);
      res.on("finish", () => setTimeout(() => req.complete || req.socket.destroy(), REFUSED_LINGER_MS).unref());
      req.resume();
    };
    req.on("error", () => res.destroy());

    const allowed = guard(req);
    if (!allowed.ok) return refuse(error(403, "AccessDeniedException", allowed.message), "-");
    cors = allowed.cors;
    if (req.method === "OPTIONS" && req.headers.origin !== undefined)
      return finish({ status: 200, body: "", headers: preflight(req) }, "-");

    const headersOnly: WireRequest = {
      method: req.method ?? "GET",
      url,
      headers: headerMap(req.rawHeaders),
      body: Buffer.alloc(0),
    };
    const failure = headerFailure(headersOnly);
    const limit = bodyLimitFor(path, limits);
    // An unauthenticated request is read only as far as its error answer needs (AWS's order of checks).
    const cap = failure === undefined ? limit : Math.min(limit, limits.unauthenticatedBody);
    // The server hands `Expect: 100-continue` requests here (checkContinue): a body refused from
    // the headers is never asked for; any other is, now.
    const declared = Number(req.headers["content-length"] ?? 0);
    if (options.expectContinue === true && /100-continue/i.test(req.headers.expect ?? "") && !(declared > cap))
      res.writeContinue();
    void readBody(req, cap, budget)
      .then(async (outcome) => {
        if (outcome.kind === "aborted") return;
        if (outcome.kind === "busy")
          return refuse(
            error(503, "ServiceUnavailableException", "The simulator is busy reading other requests' bodies: retry"),
            "-",
          );
        if (outcome.kind === "too-large") {
          if (failure !== undefined) return refuse(await authFailureReply(headersOnly, path, failure, requestId), "-");
          return refuse(
            error(413, "RequestEntityTooLargeException", `Request body must be at most ${limit} bytes`),
            "-",
          );
        }
        const wire: WireRequest = { ...headersOnly, body: outcome.body };
        const adminAt = path.indexOf(ADMIN_PREFIX);
        const run = async (): Promise<{ reply: Reply; op: string }> => {
          if (adminAt >= 0) {
            const route = path.slice(adminAt + ADMIN_PREFIX.length);
            const op = `admin ${req.method ?? ""} ${path.slice(adminAt)}`;
            const denied = authenticate(wire);
            if (denied !== undefined) return { op, reply: denied };
            // The store's secret key opens it when it is later served with signatures: never hand it out unsigned.
            if (options.credentials === undefined && route === "control/credentials") {
              return {
                op,
                reply: error(
                  403,
                  "AccessDeniedException",
                  "a simulator served without signatures (--no-auth) does not hand out its keys: run `wmctl local credentials` on its store",
                ),
              };
            }
            const r = await handleAdmin(
              options.control,
              req.method ?? "GET",
              url.slice(url.indexOf(ADMIN_PREFIX) + ADMIN_PREFIX.length),
              wire.body,
            );
            return { op, reply: { status: r.status, body: r.body, headers: { "Content-Type": "application/json" } } };
          }
          const target = req.headers["x-amz-target"];
          // A request naming an X-Amz-Target is WorkMail's, whatever its path (AWS ignores the path).
          if (target === undefined) {
            if (isRoute53Path(path)) return serveRoute53(wire, requestId);
            if (isS3Request(wire, path)) return serveS3(wire, requestId);
          }
          return serveWorkMail(req, wire, Array.isArray(target) ? target[0] : target, track);
        };
        try {
          const { reply, op } = await run();
          finish(reply, op);
        } catch (e) {
          options.onInternalError(e, "-");
          finish(
            error(
              500,
              "InternalFailure",
              "The request processing has failed because of an unknown error, exception or failure.",
            ),
            "-",
          );
        } finally {
          outcome.release();
        }
      })
      .catch((e: unknown) => {
        // Even a failure to answer (a bug) must not take the server down: log it, drop this connection.
        options.onInternalError(e, "-");
        res.destroy();
      });
  };
}

/**
 * S3's requests: signed for the s3 service, or (unsigned, --no-auth) a GET or HEAD of a bucket or
 * object path, which WorkMail's POST-only API never sends.
 */
function isS3Request(wire: WireRequest, path: string): boolean {
  const scope = signingScope(wire);
  if (scope !== undefined) return scope.service === "s3";
  return (wire.method === "GET" || wire.method === "HEAD") && path !== "/";
}

/** How Route 53 (the AWS query/restXml front end) names signature failures: [HTTP status, code]. */
const ROUTE53_AUTH_ERRORS: Readonly<Record<SigV4Failure["name"], readonly [number, string]>> = {
  MissingAuthenticationTokenException: [403, "MissingAuthenticationToken"],
  IncompleteSignatureException: [400, "IncompleteSignature"],
  InvalidSignatureException: [403, "SignatureDoesNotMatch"],
  UnrecognizedClientException: [403, "InvalidClientTokenId"],
};

/** How S3 names signature failures: [HTTP status, code, message]. */
function s3AuthError(f: SigV4Failure): [number, string, string] {
  switch (f.name) {
    case "MissingAuthenticationTokenException":
      return [403, "AccessDenied", "Access Denied"];
    case "UnrecognizedClientException":
      return [403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."];
    case "IncompleteSignatureException":
      return f.message.startsWith("Missing required header")
        ? [400, "InvalidRequest", f.message]
        : [400, "AuthorizationHeaderMalformed", f.message];
    case "InvalidSignatureException":
      if (/^Signature (expired|not yet current)/.test(f.message))
        return [
          403,
          "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.",
        ];
      if (f.message.startsWith("The provided 'x-amz-content-sha256'"))
        return [400, "XAmzContentSHA256Mismatch", f.message];
      if (f.message.startsWith("Credential should be scoped")) return [400, "AuthorizationHeaderMalformed", f.message];
      return [
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      ];
  }
}

function preflight(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = { "Access-Control-Max-Age": "172800" };
  const headers = req.headers["access-control-request-headers"];
  const method = req.headers["access-control-request-method"];
  if (headers !== undefined) h["Access-Control-Allow-Headers"] = headers;
  if (method !== undefined) h["Access-Control-Allow-Methods"] = method;
  return h;
}
