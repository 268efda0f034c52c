import type { IncomingMessage } from "node:http";
import { ADMIN_PREFIX } from "./admin-routes.js";

/**
 * How much of a request body the wire server buffers. Every body is held in memory until its reply,
 * so the limits are picked from the request's path (never its query string), an unauthenticated
 * request gets only what an error answer needs, and all requests in flight share one budget.
 */
export interface BodyLimits {
  /** WorkMail, Route 53 and S3 requests, and the admin path (AWS's own limit is about 1 MiB). */
  readonly body: number;
  /** `POST /_wmctl/control/deliver`: `local deliver` batches (32 MiB of messages, base64-encoded). */
  readonly deliverBody: number;
  /** A request whose headers fail the signature check: enough for the error AWS would answer. */
  readonly unauthenticatedBody: number;
  /** Every body in flight together. */
  readonly buffered: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  body: 8 * 1024 * 1024,
  deliverBody: 128 * 1024 * 1024,
  unauthenticatedBody: 64 * 1024,
  buffered: 256 * 1024 * 1024,
};

/** The limit for a request's path (the part before `?`). */
export function bodyLimitFor(path: string, limits: BodyLimits): number {
  const at = path.indexOf(ADMIN_PREFIX);
  return at >= 0 && path.slice(at + ADMIN_PREFIX.length) === "control/deliver" ? limits.deliverBody : limits.body;
}

/** The bytes all bodies in flight hold, against one limit. */
export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

export type BodyOutcome =
  | { readonly kind: "body"; readonly body: Buffer; release(): void }
  /** Over `cap` (declared or as it arrived): nothing more is buffered. */
  | { readonly kind: "too-large" }
  /** The shared budget is spent: the server is busy. */
  | { readonly kind: "busy" }
  | { readonly kind: "aborted" };

/**
 * Reads a body of at most `cap` bytes. A Content-Length over the cap is refused before one byte is
 * read; a body that grows past it (chunked) is refused as soon as it does. Refused bodies stop
 * being buffered at once; the caller answers and closes the connection.
 */
export function readBody(req: IncomingMessage, cap: number, budget: BodyBudget): Promise<BodyOutcome> {
  const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
  if (declared !== undefined && declared > cap) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      if (outcome.kind !== "body") {
        budget.give(size);
        chunks.length = 0;
        // Whatever else arrives is read and dropped until the connection closes.
        req.on("data", () => undefined);
      }
      resolve(outcome);
    };
    const onData = (c: Buffer) => {
      if (size + c.length > cap) return settle({ kind: "too-large" });
      if (!budget.take(c.length)) return settle({ kind: "busy" });
      size += c.length;
      chunks.push(c);
    };
    req.on("data", onData);
    req.on("error", () => settle({ kind: "aborted" }));
    req.on("aborted", () => settle({ kind: "aborted" }));
    req.on("end", () => {
      let released = false;
      settle({
        kind: "body",
        body: Buffer.concat(chunks, size),
        release: () => {
          if (released) return;
          released = true;
          budget.give(size);
        },
      });
    });
  });
}
