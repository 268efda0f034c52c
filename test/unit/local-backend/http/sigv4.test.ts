import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  canonicalUri,
  headerMap,
  signingScope,
  signRequest,
  verifyRequest,
  type WireRequest,
} from "../../../../src/local-backend/http/sigv4.js";

// AWS's published Signature Version 4 test suite (get-vanilla, get-vanilla-query-order-key-case).
const EXAMPLE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const WHEN = new Date("2015-08-30T12:36:00Z");
const SCOPE = { region: "us-east-1", service: "service" };

function wire(url: string, headers: Record<string, string>, body = "", method = "GET"): WireRequest {
  return {
    method,
    url,
    headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
    body: Buffer.from(body),
  };
}

function vectorRequest(url: string, signature: string): WireRequest {
  return wire(url, {
    host: "example.amazonaws.com",
    "x-amz-date": "20150830T123600Z",
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
  });
}

const verify = (req: WireRequest, now = WHEN) =>
  verifyRequest(req, { ...SCOPE, now, lookup: (id) => (id === EXAMPLE.accessKeyId ? EXAMPLE : undefined) });

describe("SigV4", () => {
  it("accepts AWS's get-vanilla test vectors", () => {
    expect(verify(vectorRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))).toEqual({
      ok: true,
      accessKeyId: "AKIDEXAMPLE",
    });
    expect(
      verify(
        vectorRequest(
          "/?Param2=value2&Param1=value1",
          "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        ),
      ).ok,
    ).toBe(true);
  });

  it("refuses a signature that does not match, showing the canonical request as AWS does", () => {
    const r = verify(vectorRequest("/", "0".repeat(64)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.name).toBe("InvalidSignatureException");
    expect(r.failure.message).toContain(
      "The request signature we calculated does not match the signature you provided.",
    );
    expect(r.failure.message).toContain(
      "'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'",
    );
  });

  it("verifies what it signed, body included, and notices a changed body", () => {
    const body = Buffer.from('{"OrganizationId":"m-0"}');
    const headers = {
      host: "127.0.0.1:4750",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "WorkMailService.ListUsers",
    };
    const added = signRequest({ method: "POST", url: "/", headers, body }, EXAMPLE, SCOPE, WHEN);
    const req: WireRequest = {
      method: "POST",
      url: "/",
      headers: new Map(Object.entries({ ...headers, ...added }).map(([k, v]) => [k, [v]])),
      body,
    };
    expect(verify(req).ok).toBe(true);
    expect(verify({ ...req, body: Buffer.from('{"OrganizationId":"m-1"}') }).ok).toBe(false);
  });

  it("answers each kind of bad request with AWS's error and message", () => {
    const failure = (req: WireRequest, now = WHEN) => {
      const r = verify(req, now);
      return r.ok ? undefined : r.failure;
    };
    expect(failure(wire("/", { host: "h" }))).toEqual({
      name: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    expect(failure(wire("/", { host: "h", authorization: "Basic YTpi" }))?.name).toBe(
      "MissingAuthenticationTokenException",
    );
    expect(
      failure(
        wire("/", {
          host: "h",
          authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request",
        }),
      ),
    ).toEqual({
      name: "IncompleteSignatureException",
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        "Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request",
    });
    const good = vectorRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    expect(failure(good, new Date("2015-08-30T12:52:00Z"))).toEqual({
      name: "InvalidSignatureException",
      message: "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)",
    });
    expect(failure(good, new Date("2015-08-30T12:20:00Z"))).toEqual({
      name: "InvalidSignatureException",
      message:
        "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)",
    });
    const other = (credential: string) =>
      wire("/", {
        host: "example.amazonaws.com",
        "x-amz-date": "20150830T123600Z",
        authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=abc`,
      });
    expect(failure(other("AKIDEXAMPLE/20150830/eu-west-1/workmail/aws4_request"))).toEqual({
      name: "InvalidSignatureException",
      message:
        "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'service'.",
    });
    expect(failure(other("AKIDOTHER/20150830/us-east-1/service/aws4_request"))).toEqual({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    expect(failure(other("AKIDEXAMPLE/us-east-1/service/aws4_request"))?.name).toBe("IncompleteSignatureException");
    expect(
      failure(
        wire("/", {
          host: "h",
          "x-amz-date": "2015",
          authorization: "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=b",
        }),
      ),
    ).toEqual({
      name: "IncompleteSignatureException",
      message: "Date must be in ISO-8601 'basic format'. Got '2015'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
  });

  it("builds the canonical URI of a non-S3 service: dot segments removed, encoded again", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/sim/./workmail/../workmail/")).toBe("/sim/workmail/");
    expect(canonicalUri("/a%20b")).toBe("/a%2520b");
  });
});

describe("SigV4 rejections", () => {
  const GOOD_SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  const failure = (req: WireRequest, options: Partial<Parameters<typeof verifyRequest>[1]> = {}) => {
    const r = verifyRequest(req, {
      ...SCOPE,
      now: WHEN,
      lookup: (id) => (id === EXAMPLE.accessKeyId ? EXAMPLE : undefined),
      ...options,
    });
    return r.ok ? undefined : r.failure;
  };
  const signedWith = (fields: { credential?: string; signedHeaders?: string; signature?: string }, url = "/") =>
    wire(url, {
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization: `AWS4-HMAC-SHA256 Credential=${fields.credential ?? "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"}, SignedHeaders=${fields.signedHeaders ?? "host;x-amz-date"}, Signature=${fields.signature ?? GOOD_SIGNATURE}`,
    });

  it("answers a signature of the wrong length with InvalidSignatureException, not a crash", () => {
    for (const signature of ["abc", "0".repeat(65), `${GOOD_SIGNATURE.slice(0, 63)}é`]) {
      const f = failure(signedWith({ signature }));
      expect(f?.name).toBe("InvalidSignatureException");
      expect(f?.message).toContain("The request signature we calculated does not match the signature you provided.");
    }
  });

  it("shows the String-to-Sign AWS computed", () => {
    expect(failure(signedWith({ signature: "0".repeat(64) }))?.message).toContain(
      "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63'\n",
    );
  });

  it("requires the host header to be signed", () => {
    expect(failure(signedWith({ signedHeaders: "x-amz-date" }))).toEqual({
      name: "InvalidSignatureException",
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
    // Header names in SignedHeaders are compared without regard to case.
    expect(failure(signedWith({ signedHeaders: "Host;X-Amz-Date" }))).toBeUndefined();
  });

  it("refuses a credential scope whose date is not the day of X-Amz-Date", () => {
    expect(failure(signedWith({ credential: "AKIDEXAMPLE/20150831/us-east-1/service/aws4_request" }))).toEqual({
      name: "InvalidSignatureException",
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
    });
  });

  it("refuses a credential scope with another terminator", () => {
    expect(failure(signedWith({ credential: "AKIDEXAMPLE/20150830/us-east-1/service/aws5_request" }))).toEqual({
      name: "InvalidSignatureException",
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    });
  });

  it("names every problem of the scope at once", () => {
    expect(failure(signedWith({ credential: "AKIDEXAMPLE/20150829/eu-west-1/s3/aws5_request" }))).toEqual({
      name: "InvalidSignatureException",
      message:
        "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'service'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150829' != '20150830', from '20150830T123600Z'.",
    });
  });

  it("compares the region whole", () => {
    expect(failure(signedWith({ credential: "AKIDEXAMPLE/20150830/us-east/service/aws4_request" }))).toEqual({
      name: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'us-east'.",
    });
  });

  it("accepts any of several regions when given a list", () => {
    const eu = signedWith({ credential: "AKIDEXAMPLE/20150830/eu-west-1/service/aws4_request" });
    // The scope passes; the signature (made for us-east-1) is what fails.
    expect(failure(eu, { region: ["us-east-1", "eu-west-1"] })?.message).toContain(
      "The request signature we calculated does not match",
    );
    expect(failure(signedWith({}), { region: ["us-east-1", "eu-west-1"] })).toBeUndefined();
    expect(failure(eu, { region: ["us-east-1", "us-west-2"] })).toEqual({
      name: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
    });
  });

  it("tolerates trailing slashes after the credential's terminator", () => {
    expect(
      failure(signedWith({ credential: "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request//" })),
    ).toBeUndefined();
  });

  it("says how a credential must be made when it has the wrong number of parts", () => {
    expect(failure(signedWith({ credential: "AKIDEXAMPLE/us-east-1/service/aws4_request" }))).toEqual({
      name: "IncompleteSignatureException",
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/us-east-1/service/aws4_request'",
    });
  });

  it("refuses another algorithm", () => {
    const req = wire("/", {
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization: `AWS4-HMAC-SHA512 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${GOOD_SIGNATURE}`,
    });
    expect(failure(req)).toEqual({
      name: "IncompleteSignatureException",
      message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
    });
  });

  it("reads an Authorization header with white space around it", () => {
    const req = wire("/", {
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization: `  AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${GOOD_SIGNATURE}  `,
    });
    expect(failure(req)).toBeUndefined();
  });

  it("asks for every parameter of an Authorization header that has none", () => {
    const req = wire("/", { host: "h", "x-amz-date": "20150830T123600Z", authorization: "AWS4-HMAC-SHA256" });
    expect(failure(req)).toEqual({
      name: "IncompleteSignatureException",
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
    });
  });

  it("refuses both query-string and header authentication, and query-string authentication alone", () => {
    const presigned =
      "/?Action=x&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request";
    const both = { ...signedWith({}), url: presigned };
    expect(failure(both)).toEqual({
      name: "InvalidSignatureException",
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
    expect(failure({ ...both, url: "/?X-Amz-Algorithm=AWS4-HMAC-SHA256" })?.message).toContain("Found both");
    expect(failure(wire(presigned, { host: "example.amazonaws.com" }))).toEqual({
      name: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    // A parameter merely named like it is not query-string authentication.
    expect(failure({ ...signedWith({}), url: "/?X-Amz-Algorithms=1" })?.message).toContain(
      "The request signature we calculated does not match",
    );
  });

  it("accepts a request at either edge of the 15 minutes of clock skew", () => {
    const good = signedWith({});
    expect(failure(good, { now: new Date("2015-08-30T12:51:00Z") })).toBeUndefined();
    expect(failure(good, { now: new Date("2015-08-30T12:21:00Z") })).toBeUndefined();
    expect(failure(good, { now: new Date("2015-08-30T12:51:01Z") })?.message).toMatch(/^Signature expired/);
    expect(failure(good, { now: new Date("2015-08-30T12:20:59Z") })?.message).toMatch(/^Signature not yet current/);
  });

  it("accepts only the whole ISO-8601 basic format in X-Amz-Date", () => {
    for (const date of ["020150830T123600Z", "20150830T123600Z0", "2015-08-30T12:36:00Z"]) {
      const req = { ...signedWith({}), headers: new Map([...signedWith({}).headers, ["x-amz-date", [date]]]) };
      expect(failure(req)).toEqual({
        name: "IncompleteSignatureException",
        message: `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      });
    }
  });

  it("reads the Date header as an HTTP date, and only the whole of one", () => {
    const withDate = (date: string) =>
      wire("/", {
        host: "example.amazonaws.com",
        date,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=date;host, Signature=${GOOD_SIGNATURE}`,
      });
    expect(failure(withDate("Sun, 30 Aug 2015 12:36:00 GMT"), { now: new Date("2015-08-30T13:00:00Z") })).toEqual({
      name: "InvalidSignatureException",
      message: "Signature expired: 20150830T123600Z is now earlier than 20150830T124500Z (20150830T130000Z - 15 min.)",
    });
    for (const date of [
      "Sun, 30 Aug 2015 12:36:00 GMT+1",
      "xSun, 30 Aug 2015 12:36:00 GMT",
      "Sun, 30 Aug 15 12:36:00 GMT",
      "Sun, 3 Aug 2015 12:36:00 GMT",
      "Sun, 30 Aug 2015 2:36:00 GMT",
      "Sun, 30 Aug 2015 12:6:00 GMT",
      "Sun, 30 Aug 2015 12:36:0 GMT",
      "Su, 30 Aug 2015 12:36:00 GMT",
      "Sun, 30 Au 2015 12:36:00 GMT",
      "Sun, 30 Foo 2015 12:36:00 GMT",
      "20150830T123600Z",
    ]) {
      expect(failure(withDate(date)), date).toEqual({
        name: "IncompleteSignatureException",
        message: `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      });
    }
  });

  it("checks only what the headers carry when asked to (headersOnly), before the body is read", () => {
    const headersOnly = { headersOnly: true, region: "elsewhere", service: "other" };
    // A signature that would not match, and a region and service that are not the server's: not checked yet.
    expect(failure(signedWith({ signature: "0".repeat(64) }), headersOnly)).toBeUndefined();
    for (const credential of [
      "AKIDEXAMPLE/20150830/us-east-1/service/aws5_request",
      "AKIDEXAMPLE/20150831/us-east-1/service/aws4_request",
    ]) {
      expect(failure(signedWith({ credential }), headersOnly)).toEqual({
        name: "InvalidSignatureException",
        message: "Credential scope is malformed.",
      });
    }
    expect(
      failure(signedWith({ credential: "AKIDOTHER/20150830/us-east-1/service/aws4_request" }), headersOnly),
    ).toEqual({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    expect(
      verifyRequest(signedWith({ signature: "0" }), {
        ...headersOnly,
        lookup: (id) => (id === EXAMPLE.accessKeyId ? EXAMPLE : undefined),
        now: WHEN,
      }),
    ).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
  });

  it("refuses a security token when the key has none (an empty one is no token)", () => {
    const req = signedWith({});
    const withToken = (token: string) => ({
      ...req,
      headers: new Map([...req.headers, ["x-amz-security-token", [token]]]),
    });
    expect(failure(withToken("t"))).toEqual({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid",
    });
    expect(failure(withToken(""))).toBeUndefined();
  });

  it("shows a signed header the request did not send with an empty value", () => {
    expect(failure(signedWith({ signedHeaders: "host;x-amz-date;x-missing" }))?.message).toContain(
      "\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-missing:\n\nhost;x-amz-date;x-missing\n",
    );
  });
});

describe("SigV4 for S3", () => {
  const s3 = (url: string, headers: Record<string, string>, body = "") =>
    wire(
      url,
      {
        host: "127.0.0.1:4750",
        "x-amz-date": "20150830T123600Z",
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
        ...headers,
      },
      body,
    );
  const failure = (req: WireRequest) => {
    const r = verifyRequest(req, {
      region: "us-east-1",
      service: "s3",
      s3: true,
      now: WHEN,
      lookup: (id) => (id === EXAMPLE.accessKeyId ? EXAMPLE : undefined),
    });
    return r.ok ? undefined : r.failure;
  };

  it("requires x-amz-content-sha256 and checks it against the body", () => {
    expect(failure(s3("/b/k", {}))).toEqual({
      name: "IncompleteSignatureException",
      message: "Missing required header for this request: x-amz-content-sha256",
    });
    expect(failure(s3("/b/k", { "x-amz-content-sha256": "0".repeat(64) }, "body"))).toEqual({
      name: "InvalidSignatureException",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it("signs the declared payload hash (UNSIGNED-PAYLOAD allowed) and the path encoded once, as sent", () => {
    const unsigned = failure(s3("/b/a%20b/../c//d", { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, "anything"));
    expect(unsigned?.name).toBe("InvalidSignatureException");
    expect(unsigned?.message).toContain(
      "'GET\n/b/a%20b/../c//d\n\nhost:127.0.0.1:4750\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\nUNSIGNED-PAYLOAD'",
    );
    const bodyHash = "230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb5";
    expect(failure(s3("/b/it's(1)*!%ZZ", { "x-amz-content-sha256": bodyHash }, "body"))?.message).toContain(
      `'GET\n/b/it%27s%281%29%2A%21%25ZZ\n\nhost:127.0.0.1:4750\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${bodyHash}'`,
    );
  });
});

describe("canonical request parts", () => {
  it("encodes the characters encodeURIComponent leaves alone, as the SDKs do", () => {
    expect(canonicalUri("/it's(1)*!")).toBe("/it%27s%281%29%2A%21");
  });

  it("canonical query: empty parameters dropped, a key without a value gets '=', undecodable text kept", () => {
    expect(canonicalQuery("b=2&&flag&a=1&")).toBe("a=1&b=2&flag=");
    expect(canonicalQuery("=v&a=%E0%A4%A")).toBe("=v&a=%25E0%25A4%25A");
    expect(canonicalQuery("z=1&y=2&x=3&x=1&w=%20")).toBe("w=%20&x=1&x=3&y=2&z=1");
    expect(canonicalQuery("")).toBe("");
    // Equal keys sort by value, whatever order they came in.
    expect(canonicalQuery("k=a&k=b")).toBe("k=a&k=b");
    expect(canonicalQuery("k=b&k=a")).toBe("k=a&k=b");
    expect(canonicalQuery("k=c&k=a&k=b&j=z")).toBe("j=z&k=a&k=b&k=c");
  });
});

describe("signing", () => {
  it("signs every header, sorted, and carries a temporary credential's session token", () => {
    const added = signRequest(
      {
        method: "POST",
        url: "/",
        headers: { Host: "h", "X-Amz-Target": "WorkMailService.ListUsers" },
        body: Buffer.from("{}"),
      },
      { ...EXAMPLE, sessionToken: "token-1" },
      SCOPE,
      WHEN,
    );
    expect(added["x-amz-security-token"]).toBe("token-1");
    expect(added.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/service\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    // Not S3: the path's dot segments are resolved and its escapes encoded again, on both sides.
    const body = Buffer.from("{}");
    const headers = { host: "h" };
    const url = "/sim/a%20b/../c";
    const signed = signRequest({ method: "POST", url, headers, body }, EXAMPLE, SCOPE, WHEN);
    const sent = wire(url, { ...headers, ...signed }, "{}", "POST");
    expect(verify(sent).ok).toBe(true);
    const without = signRequest(
      { method: "GET", url: "/", headers: { host: "h" }, body: Buffer.alloc(0) },
      EXAMPLE,
      SCOPE,
      WHEN,
    );
    expect(without["x-amz-security-token"]).toBeUndefined();
  });
});

describe("signing scope and header map", () => {
  it("reads the region and service a request is signed for, from the header or a presigned URL", () => {
    expect(
      signingScope(
        wire("/", {
          authorization:
            "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=x",
        }),
      ),
    ).toEqual({ region: "eu-west-1", service: "s3" });
    expect(
      signingScope(
        wire(
          "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830%2Fus-west-2%2Fs3%2Faws4_request",
          {},
        ),
      ),
    ).toEqual({ region: "us-west-2", service: "s3" });
    expect(
      signingScope(
        wire(
          "/b/k?X-Amz-Credential=AK%2F20150830%2Fap-south-1%2Fs3%2Faws4_request&X-Amz-Algorithm=AWS4-HMAC-SHA256",
          {},
        ),
      ),
    ).toEqual({ region: "ap-south-1", service: "s3" });
    // Four parts are enough to name the region and the service.
    expect(
      signingScope(wire("/", { authorization: "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1/s3, Signature=x" })),
    ).toEqual({
      region: "eu-west-1",
      service: "s3",
    });
    expect(signingScope(wire("/b/k?a=1", {}))).toBeUndefined();
    expect(signingScope(wire("/b/k", {}))).toBeUndefined();
    expect(
      signingScope(wire("/", { authorization: "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1" })),
    ).toBeUndefined();
    expect(signingScope(wire("/", { authorization: "AWS4-HMAC-SHA256 SignedHeaders=host" }))).toBeUndefined();
  });

  it("groups raw headers by lower-case name, values in the order sent", () => {
    const map = headerMap(["Host", "h", "My-Header", "a", "X-Amz-Date", "d", "my-header", "b", "Dangling"]);
    expect([...map.entries()]).toEqual([
      ["host", ["h"]],
      ["my-header", ["a", "b"]],
      ["x-amz-date", ["d"]],
    ]);
  });
});
