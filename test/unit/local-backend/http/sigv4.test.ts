import { describe, expect, it } from "vitest";
import {
  canonicalUri,
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
