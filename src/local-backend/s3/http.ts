import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync, type Stats } from "node:fs";
import { join, sep } from "node:path";
import { bucketNameProblem, pathInside } from "./bucket-name.js";

/**
 * The read side of the simulator's S3, over S3's REST protocol, so export jobs' zips and logs can be
 * fetched with the real S3 SDK or `aws s3 cp ... --endpoint-url`: path-style (and `<bucket>.localhost`)
 * GetObject and HeadObject (with byte ranges), ListObjectsV2, and ListBuckets, over the buckets in
 * `$WMCTL_HOME/s3/<bucket>/<key>`. Writes are the export jobs' business: any other request is
 * answered NotImplemented, as S3 answers an operation it does not know. Signatures are checked by
 * the caller (the wire server).
 */
export interface S3Request {
  readonly method: string;
  /** Path and query as received (percent-encoded). */
  readonly url: string;
  /** The Host header (virtual-hosted style: `<bucket>.localhost:port`). */
  readonly host: string | undefined;
  readonly range: string | undefined;
  readonly requestId: string;
}

export interface S3Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A byte range of a file to stream as the body (inclusive end). */
  readonly file?: { readonly path: string; readonly start: number; readonly end: number };
}

export interface S3Store {
  /** The folder holding `<bucket>/<key>` files. */
  readonly root: string;
  readonly region: string;
  /** Buckets the simulator knows (export jobs register theirs), with their region and creation time. */
  buckets(): Array<{ name: string; region: string; created: Date }>;
}

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
/** Files an export job is still writing: never shown. */
const PARTIAL = /\.partial-[^/]+$/;

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

function xml(root: string, body: string, attrs = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attrs}>${body}</${root}>`;
}

/** An S3 error answer: `<Error><Code>..</Code><Message>..</Message>...</Error>` (no body for HEAD). */
export function s3Error(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
  head = false,
): S3Reply {
  const fields = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join("");
  return {
    status,
    headers: {
      "content-type": "application/xml",
      "x-amz-request-id": requestId,
      ...(head ? { "x-amz-error-code": code } : {}),
    },
    ...(head
      ? {}
      : {
          body: xml(
            "Error",
            `<Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${requestId}</RequestId>`,
          ),
        }),
  };
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Bucket and key of a request, path-style or `<bucket>.localhost`. */
function addressOf(
  url: string,
  host: string | undefined,
): { bucket: string | undefined; key: string; query: URLSearchParams } | undefined {
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  const hostname = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  const virtual = hostname.endsWith(".localhost") ? hostname.slice(0, -".localhost".length) : undefined;
  const path = decode(rawPath);
  if (path === undefined) return undefined;
  if (virtual !== undefined && virtual !== "") return { bucket: virtual, key: path.replace(/^\//, ""), query };
  const rest = path.replace(/^\//, "");
  const slash = rest.indexOf("/");
  if (rest === "") return { bucket: undefined, key: "", query };
  return slash < 0
    ? { bucket: rest, key: "", query }
    : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1), query };
}

/** The file of a key, or undefined when the key cannot name a file inside the bucket. */
function keyPath(bucketDir: string, key: string): string | undefined {
  const segments = key.split("/");
  if (key === "" || segments.some((s) => s === "" || s === "." || s === "..") || PARTIAL.test(key)) return undefined;
  return pathInside(bucketDir, ...segments);
}

function etag(st: Stats): string {
  return `"${createHash("md5").update(`${st.size}:${st.mtimeMs}:${st.ino}`).digest("hex")}"`;
}

function statFile(path: string): Stats | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

export function handleS3(req: S3Request, store: S3Store): S3Reply {
  const head = req.method === "HEAD";
  const id = req.requestId;
  const addr = addressOf(req.url, req.host);
  if (addr === undefined) return s3Error(400, "InvalidURI", "Couldn't parse the specified URI.", id, {}, head);
  const base = { "x-amz-request-id": id };
  if (req.method !== "GET" && req.method !== "HEAD") {
    return s3Error(
      501,
      "NotImplemented",
      `The local simulator's S3 is read-only: ${req.method} is not served (export jobs write the objects).`,
      id,
      {},
      head,
    );
  }
  if (addr.bucket === undefined) {
    // ListBuckets.
    const buckets = store
      .buckets()
      .map(
        (b) =>
          `<Bucket><Name>${escapeXml(b.name)}</Name><CreationDate>${b.created.toISOString()}</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
      )
      .join("");
    return {
      status: 200,
      headers: { ...base, "content-type": "application/xml" },
      body: xml(
        "ListAllMyBucketsResult",
        `<Owner><ID>wmctl-local</ID><DisplayName>wmctl-local</DisplayName></Owner><Buckets>${buckets}</Buckets>`,
        ` xmlns="${XMLNS}"`,
      ),
    };
  }
  const bucket = addr.bucket;
  const known = store.buckets().find((b) => b.name === bucket);
  const bucketDir = bucketNameProblem(bucket) === undefined ? pathInside(store.root, bucket) : undefined;
  if (bucketDir === undefined || (known === undefined && !existsSync(bucketDir))) {
    return s3Error(404, "NoSuchBucket", "The specified bucket does not exist", id, { BucketName: bucket }, head);
  }
  const region = { "x-amz-bucket-region": known?.region ?? store.region };
  if (addr.key === "") {
    if (head) return { status: 200, headers: { ...base, ...region } };
    if (addr.query.get("list-type") !== "2") {
      if (addr.query.has("location")) {
        const r = known?.region ?? store.region;
        return {
          status: 200,
          headers: { ...base, "content-type": "application/xml" },
          body: xml("LocationConstraint", r === "us-east-1" ? "" : r, ` xmlns="${XMLNS}"`),
        };
      }
      return s3Error(
        501,
        "NotImplemented",
        "The local simulator's S3 lists objects with ListObjectsV2 (list-type=2) only.",
        id,
      );
    }
    return listObjectsV2(bucket, bucketDir, addr.query, { ...base, ...region }, id);
  }
  const path = keyPath(bucketDir, addr.key);
  const st = path === undefined ? undefined : statFile(path);
  if (path === undefined || st === undefined)
    return s3Error(404, "NoSuchKey", "The specified key does not exist.", id, { Key: addr.key }, head);
  const headers: Record<string, string> = {
    ...base,
    ...region,
    "content-type": /\.json$/i.test(addr.key)
      ? "application/json"
      : /\.zip$/i.test(addr.key)
        ? "application/zip"
        : "application/octet-stream",
    "last-modified": st.mtime.toUTCString(),
    etag: etag(st),
    "accept-ranges": "bytes",
  };
  const range = parseRange(req.range, st.size);
  if (range === "invalid") {
    return s3Error(
      416,
      "InvalidRange",
      "The requested range is not satisfiable",
      id,
      { RangeRequested: req.range ?? "", ActualObjectSize: String(st.size) },
      head,
    );
  }
  if (range === undefined)
    return {
      status: 200,
      headers: { ...headers, "content-length": String(st.size) },
      ...(head || st.size === 0 ? {} : { file: { path, start: 0, end: st.size - 1 } }),
    };
  return {
    status: 206,
    headers: {
      ...headers,
      "content-length": String(range.end - range.start + 1),
      "content-range": `bytes ${range.start}-${range.end}/${st.size}`,
    },
    ...(head ? {} : { file: { path, start: range.start, end: range.end } }),
  };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range, as S3 takes); undefined: the whole object. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === "" && m[2] === "")) return undefined; // S3 ignores a range it cannot parse
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0) return "invalid";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return "invalid";
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (end < start) return undefined;
  return { start, end };
}

function listKeys(bucketDir: string): Array<{ key: string; st: Stats }> {
  if (!existsSync(bucketDir)) return [];
  const out: Array<{ key: string; st: Stats }> = [];
  for (const entry of readdirSync(bucketDir, { recursive: true }) as string[]) {
    const key = entry.split(sep).join("/");
    if (PARTIAL.test(key)) continue;
    const st = statFile(join(bucketDir, entry));
    if (st !== undefined) out.push({ key, st });
  }
  // S3 lists keys in UTF-8 binary order.
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
}

function listObjectsV2(
  bucket: string,
  bucketDir: string,
  q: URLSearchParams,
  headers: Record<string, string>,
  id: string,
): S3Reply {
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const maxRaw = q.get("max-keys");
  const maxKeys = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    return s3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range", id, {
      ArgumentName: "max-keys",
      ArgumentValue: maxRaw ?? "",
    });
  const token = q.get("continuation-token");
  let after = q.get("start-after") ?? "";
  if (token !== null) {
    const decoded = Buffer.from(token, "base64url").toString("utf8");
    if (!decoded.startsWith("wmctl:"))
      return s3Error(400, "InvalidArgument", "The continuation token provided is incorrect", id, {
        ArgumentName: "continuation-token",
      });
    after = decoded.slice("wmctl:".length);
  }
  const encode = q.get("encoding-type") === "url";
  const enc = (s: string) => escapeXml(encode ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
  const contents: string[] = [];
  const prefixes: string[] = [];
  let last = "";
  let truncated = false;
  for (const { key, st } of listKeys(bucketDir)) {
    if (!key.startsWith(prefix)) continue;
    let entry = key;
    if (delimiter !== "") {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) entry = key.slice(0, at + delimiter.length);
    }
    if (entry <= after || entry === last) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    last = entry;
    if (entry !== key) prefixes.push(`<CommonPrefixes><Prefix>${enc(entry)}</Prefix></CommonPrefixes>`);
    else
      contents.push(
        `<Contents><Key>${enc(key)}</Key><LastModified>${st.mtime.toISOString()}</LastModified><ETag>${escapeXml(etag(st))}</ETag><Size>${st.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      );
  }
  const body =
    `<Name>${escapeXml(bucket)}</Name><Prefix>${enc(prefix)}</Prefix>` +
    (delimiter === "" ? "" : `<Delimiter>${enc(delimiter)}</Delimiter>`) +
    `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + prefixes.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
    (token === null ? "" : `<ContinuationToken>${escapeXml(token)}</ContinuationToken>`) +
    (truncated
      ? `<NextContinuationToken>${Buffer.from(`wmctl:${last}`).toString("base64url")}</NextContinuationToken>`
      : "") +
    (q.get("start-after") === null ? "" : `<StartAfter>${enc(q.get("start-after") as string)}</StartAfter>`) +
    (encode ? "<EncodingType>url</EncodingType>" : "") +
    contents.join("") +
    prefixes.join("");
  return {
    status: 200,
    headers: { ...headers, "content-type": "application/xml" },
    body: xml("ListBucketResult", body, ` xmlns="${XMLNS}"`),
  };
}
