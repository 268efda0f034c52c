import { describe, expect, it } from "vitest";
import { type SigV4Credentials, verifyRequest, type WireRequest } from "../../../../src/local-backend/http/sigv4.js";

// Cases of AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite, 2015 edition):
// each request, as written in the suite, must verify with the suite's signature, and with any other
// signature the answer must show the suite's canonical request. Credentials AKIDEXAMPLE, region
// us-east-1, service "service".
const SUITE_CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SUITE_DATE = "20150830T123600Z";
const SUITE_NOW = new Date("2015-08-30T12:36:00Z");
const EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
const UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

type Headers = Record<string, string | string[]>;

function wire(method: string, url: string, headers: Headers, body = ""): WireRequest {
  return {
    method,
    url,
    headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), typeof v === "string" ? [v] : v])),
    body: Buffer.from(body),
  };
}

interface SuiteCase {
  readonly name: string;
  readonly method?: string;
  readonly url: string;
  /** Headers besides host and x-amz-date. */
  readonly headers?: Headers;
  readonly body?: string;
  /** The canonical query, headers and payload hash lines after the method and URI. */
  readonly canonicalUri: string;
  readonly canonicalQuery?: string;
  readonly signedHeaders?: string;
  readonly payloadHash?: string;
  readonly signature: string;
}

const SUITE: readonly SuiteCase[] = [
  {
    name: "get-vanilla-query-order-key (equal keys sort by value, byte order)",
    url: "/?Param1=value2&Param1=Value1",
    canonicalUri: "/",
    canonicalQuery: "Param1=Value1&Param1=value2",
    signature: "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1",
  },
  {
    name: "get-vanilla-query-order-value",
    url: "/?Param1=value2&Param1=value1",
    canonicalUri: "/",
    canonicalQuery: "Param1=value1&Param1=value2",
    signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694",
  },
  {
    name: "get-vanilla-query-order-encoded (keys sort as encoded)",
    url: "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
    canonicalUri: "/",
    canonicalQuery: "%E1%88%B4=Value1&Param=Value2&Param-3=Value3",
    signature: "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac",
  },
  {
    name: "get-vanilla-query-unreserved",
    url: `/?${UNRESERVED}=${UNRESERVED}`,
    canonicalUri: "/",
    canonicalQuery: `${UNRESERVED}=${UNRESERVED}`,
    signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
  },
  {
    name: "get-vanilla-utf8-query",
    url: "/?\u1234=bar",
    canonicalUri: "/",
    canonicalQuery: "%E1%88%B4=bar",
    signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
  },
  {
    name: "get-unreserved",
    url: `/${UNRESERVED}`,
    canonicalUri: `/${UNRESERVED}`,
    signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
  },
  {
    name: "get-utf8",
    url: "/\u1234",
    canonicalUri: "/%E1%88%B4",
    signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
  },
  {
    name: "get-space",
    url: "/example space/",
    canonicalUri: "/example%20space/",
    signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741",
  },
  {
    name: "get-special-character",
    url: "/example/$delete",
    canonicalUri: "/example/%24delete",
    signature: "a853c9b21b528b19643d00910d35b83a10c366a10833ceefb45edd6c80e40f27",
  },
  {
    name: "normalize-path/get-slash-pointless-dot",
    url: "/./example",
    canonicalUri: "/example",
    signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5",
  },
  {
    name: "normalize-path/get-slashes",
    url: "//example//",
    canonicalUri: "/example/",
    signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84",
  },
  {
    name: "normalize-path/get-relative-relative",
    url: "/example1/example2/../..",
    canonicalUri: "/",
    signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  },
  {
    name: "get-header-key-duplicate (values joined with commas, in the order sent)",
    url: "/",
    headers: { "My-Header1": ["value2", "value2", "value1"] },
    canonicalUri: "/",
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
  },
  {
    name: "get-header-value-order",
    url: "/",
    headers: { "My-Header1": ["value4", "value1", "value3", "value2"] },
    canonicalUri: "/",
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
  },
  {
    name: "get-header-value-multiline (runs of white space become one space)",
    url: "/",
    headers: { "My-Header1": "value1   value2     value3" },
    canonicalUri: "/",
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd",
  },
  {
    name: "get-header-value-trim",
    url: "/",
    headers: { "My-Header1": " value1", "My-Header2": ' "a   b   c"' },
    canonicalUri: "/",
    signedHeaders: "host;my-header1;my-header2;x-amz-date",
    signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
  },
  {
    name: "post-vanilla-query",
    method: "POST",
    url: "/?Param1=value1",
    canonicalUri: "/",
    canonicalQuery: "Param1=value1",
    signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
  },
  {
    name: "post-x-www-form-urlencoded (the body's hash)",
    method: "POST",
    url: "/",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "Param1=value1",
    canonicalUri: "/",
    signedHeaders: "content-type;host;x-amz-date",
    payloadHash: "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
    signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
  },
];

function suiteRequest(c: SuiteCase, signature: string, authorization?: string): WireRequest {
  const signed = c.signedHeaders ?? "host;x-amz-date";
  return wire(
    c.method ?? "GET",
    c.url,
    {
      host: "example.amazonaws.com",
      "x-amz-date": SUITE_DATE,
      ...c.headers,
      authorization:
        authorization ??
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${signature}`,
    },
    c.body,
  );
}

/** The canonical request's method, URI and query lines, and its signed header list and payload hash. */
function canonicalOf(c: SuiteCase): { head: string[]; tail: string[] } {
  return {
    head: [c.method ?? "GET", c.canonicalUri, c.canonicalQuery ?? ""],
    tail: [c.signedHeaders ?? "host;x-amz-date", c.payloadHash ?? EMPTY_HASH],
  };
}

function verifySuite(req: WireRequest, creds: SigV4Credentials = SUITE_CREDS, now = SUITE_NOW) {
  return verifyRequest(req, {
    region: "us-east-1",
    service: "service",
    now,
    lookup: (id) => (id === creds.accessKeyId ? creds : undefined),
  });
}

describe("SigV4 verification against AWS's published test suite", () => {
  for (const c of SUITE) {
    it(c.name, () => {
      expect(verifySuite(suiteRequest(c, c.signature))).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
      const bad = verifySuite(suiteRequest(c, "f".repeat(64)));
      expect(bad.ok).toBe(false);
      if (bad.ok) return;
      expect(bad.failure.name).toBe("InvalidSignatureException");
      // The canonical request AWS shows: method, URI, query, then the headers (checked in full by the
      // vanilla cases), the signed header list and the payload hash.
      const shown = /should have been\n'([^']*)'/.exec(bad.failure.message)?.[1] ?? "";
      const lines = shown.split("\n");
      const expected = canonicalOf(c);
      expect(lines.slice(0, 3)).toEqual(expected.head);
      expect(lines.slice(-2)).toEqual(expected.tail);
    });
  }

  it("shows the canonical headers as AWS builds them: trimmed, white space folded, repeated values joined", () => {
    const trim = SUITE.find((c) => c.name.startsWith("get-header-value-trim")) as SuiteCase;
    const dup = SUITE.find((c) => c.name.startsWith("get-header-key-duplicate")) as SuiteCase;
    const multiline = SUITE.find((c) => c.name.startsWith("get-header-value-multiline")) as SuiteCase;
    const message = (c: SuiteCase) => {
      const r = verifySuite(suiteRequest(c, "0".repeat(64)));
      return r.ok ? "" : r.failure.message;
    };
    expect(message(trim)).toContain(
      `\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:${SUITE_DATE}\n\n`,
    );
    expect(message(dup)).toContain("\nmy-header1:value2,value2,value1\n");
    expect(message(multiline)).toContain("\nmy-header1:value1 value2 value3\n");
  });

  it("get-vanilla-with-session-token: the token is signed and must be the key's own", () => {
    const withToken = { ...SUITE_CREDS, sessionToken: TOKEN };
    const req = wire("GET", "/", {
      host: "example.amazonaws.com",
      "x-amz-date": SUITE_DATE,
      "x-amz-security-token": TOKEN,
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
    });
    expect(verifySuite(req, withToken)).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
    // The same signature from a key without a session token, or with another one: the token is refused.
    for (const creds of [SUITE_CREDS, { ...SUITE_CREDS, sessionToken: "other" }]) {
      expect(verifySuite(req, creds)).toEqual({
        ok: false,
        failure: {
          name: "UnrecognizedClientException",
          message: "The security token included in the request is invalid",
        },
      });
    }
  });

  it("accepts the Date header in place of X-Amz-Date (the 2011 suite's get-relative, service 'host')", () => {
    const req = wire("GET", "/foo/..", {
      host: "host.foo.com",
      date: "Mon, 09 Sep 2011 23:36:00 GMT",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470",
    });
    const r = verifyRequest(req, {
      region: "us-east-1",
      service: "host",
      now: new Date("2011-09-09T23:36:00Z"),
      lookup: (id) => (id === "AKIDEXAMPLE" ? SUITE_CREDS : undefined),
    });
    expect(r).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
  });
});

// The examples of the S3 guide ("Signature Calculations for the Authorization Header"), signed for
// examplebucket with AKIAIOSFODNN7EXAMPLE.
const S3_CREDS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const S3_NOW = new Date("2013-05-24T00:00:00Z");

function verifyS3(req: WireRequest) {
  return verifyRequest(req, {
    region: "us-east-1",
    service: "s3",
    s3: true,
    now: S3_NOW,
    lookup: (id) => (id === S3_CREDS.accessKeyId ? S3_CREDS : undefined),
  });
}

function s3Request(url: string, signedHeaders: string, signature: string, extra: Headers = {}, body = ""): WireRequest {
  return wire(
    "GET",
    url,
    {
      host: "examplebucket.s3.amazonaws.com",
      "x-amz-date": "20130524T000000Z",
      "x-amz-content-sha256": EMPTY_HASH,
      ...extra,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
    body,
  );
}

describe("SigV4 verification of S3 requests", () => {
  it("accepts the guide's GET Object example (no spaces after the commas of the header)", () => {
    const req = s3Request(
      "/test.txt",
      "host;range;x-amz-content-sha256;x-amz-date",
      "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
      { range: "bytes=0-9" },
    );
    expect(verifyS3(req)).toEqual({ ok: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
  });

  it("accepts the guide's GET Bucket lifecycle example: a query parameter without a value", () => {
    const req = s3Request(
      "/?lifecycle",
      "host;x-amz-content-sha256;x-amz-date",
      "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
    );
    expect(verifyS3(req)).toEqual({ ok: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
  });

  it("accepts the guide's GET Bucket (list objects) example", () => {
    const req = s3Request(
      "/?max-keys=2&prefix=J",
      "host;x-amz-content-sha256;x-amz-date",
      "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
    );
    expect(verifyS3(req)).toEqual({ ok: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
  });
});
