import { request } from "node:http";
import { signRequest, type SigV4Credentials } from "../../src/local-backend/http/sigv4.js";

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Header names as sent. */
  readonly headerNames: string[];
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RawOptions {
  readonly method?: string;
  readonly path?: string;
  readonly target?: string;
  readonly contentType?: string | null;
  readonly body?: string;
  /** Sign with these credentials (scope us-east-1 and workmail unless given). */
  readonly sign?: SigV4Credentials & { region?: string; service?: string; now?: Date };
  readonly headers?: Record<string, string>;
}

/** One HTTP request exactly as given (no SDK in between), optionally signed. */
export function raw(endpoint: string, o: RawOptions = {}): Promise<RawReply> {
  const url = new URL(o.path ?? "/", endpoint);
  const body = Buffer.from(o.body ?? "", "utf8");
  const headers: Record<string, string> = { host: url.host, ...o.headers };
  if (o.target !== undefined) headers["x-amz-target"] = o.target;
  if (o.contentType !== null) headers["content-type"] = o.contentType ?? "application/x-amz-json-1.1";
  if (o.sign) {
    Object.assign(
      headers,
      signRequest(
        { method: o.method ?? "POST", url: url.pathname + url.search, headers, body },
        o.sign,
        { region: o.sign.region ?? "us-east-1", service: o.sign.service ?? "workmail" },
        o.sign.now,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: o.method ?? "POST", headers: { ...headers, "content-length": String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            headerNames: res.rawHeaders.filter((_, i) => i % 2 === 0),
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
