import { createHash } from "node:crypto";
import { fail } from "./errors.js";

type Cursor = string | number;

interface Page<R> {
  readonly items: R[];
  readonly nextToken: string | undefined;
}

export interface Pager {
  /** The position after which this page starts (undefined: the first page). */
  readonly after: Cursor | undefined;
  /** How many items the page holds; fetch one more to know whether another page follows. */
  readonly limit: number;
  /** Cuts `rows` (fetched with LIMIT limit + 1) into a page and the token for the next one. */
  finish<R>(rows: R[], cursorOf: (row: R) => Cursor): Page<R>;
}

/**
 * Keyset pagination with opaque tokens, as the service does it: the token encodes where the next
 * page starts and a fingerprint of the request's other parameters, so a token reused with other
 * filters (or another organization or operation) is rejected with InvalidParameterException.
 * Rows inserted or deleted between pages never shift what the next page returns.
 */
export function startPage(
  operation: string,
  request: { NextToken?: string | undefined; MaxResults?: number | undefined },
  scope: unknown,
  defaultLimit = 100,
): Pager {
  const fingerprint = createHash("sha256")
    .update(operation)
    .update("\0")
    .update(JSON.stringify(scope ?? null))
    .digest("base64url")
    .slice(0, 12);
  let after: Cursor | undefined;
  if (request.NextToken !== undefined && request.NextToken !== "") {
    after = decode(request.NextToken, fingerprint);
  }
  const limit = request.MaxResults ?? defaultLimit;
  return {
    after,
    limit,
    finish<R>(rows: R[], cursorOf: (row: R) => Cursor): Page<R> {
      if (rows.length <= limit) return { items: rows, nextToken: undefined };
      const items = rows.slice(0, limit);
      const last = items[items.length - 1] as R;
      return { items, nextToken: encode(cursorOf(last), fingerprint) };
    },
  };
}

function encode(after: Cursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, a: after, f: fingerprint })).toString("base64");
}

function decode(token: string, fingerprint: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw fail.invalidParameter("The next token is invalid.");
  }
  const p = parsed as { v?: unknown; a?: unknown; f?: unknown };
  if (p === null || typeof p !== "object" || p.v !== 1 || (typeof p.a !== "string" && typeof p.a !== "number")) {
    throw fail.invalidParameter("The next token is invalid.");
  }
  if (p.f !== fingerprint)
    throw fail.invalidParameter("The next token does not match the request parameters it was issued for.");
  return p.a;
}
