import { request } from "node:https";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startAutodiscoverServer,
  type RunningAutodiscoverServer,
} from "../../src/local-backend/autodiscover/server.js";
import { LocalSim } from "../helpers/local-sim.js";

/** The simulator's AutoDiscover endpoint against hostile XML and password guessing. */
let sim: LocalSim;
let user: Awaited<ReturnType<LocalSim["orgWithUser"]>>;
let ad: RunningAutodiscoverServer;

beforeEach(async () => {
  sim = await LocalSim.open();
  user = await sim.orgWithUser();
});
afterEach(async () => {
  await ad?.close();
  await sim.close();
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function post(
  body: string,
  auth: { user: string; password: string } | undefined,
  localAddress = "127.0.0.1",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: ad.httpsPort,
        path: "/autodiscover/autodiscover.xml",
        method: "POST",
        localAddress,
        rejectUnauthorized: false,
        headers: {
          "content-type": "text/xml",
          ...(auth === undefined
            ? {}
            : { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}` }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const mobile = (email: string, prologue = "") =>
  `<?xml version="1.0" encoding="utf-8"?>${prologue}<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006</AcceptableResponseSchema></Request></Autodiscover>`;

describe("AutoDiscover and hostile XML", () => {
  beforeEach(async () => {
    ad = await startAutodiscoverServer({ db: sim.backend.db, region: "us-east-1", advertise: false });
  });

  it.each([
    [
      "an external entity (XXE)",
      mobile("&xxe;", '<!DOCTYPE Autodiscover [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    ],
    [
      "a billion laughs",
      mobile(
        "&lol4;",
        '<!DOCTYPE a [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>',
      ),
    ],
    ["20,000 nested elements", `<Autodiscover>${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}</Autodiscover>`],
  ])("answers %s with AutoDiscover's own error response (600 Invalid Request)", async (_what, body) => {
    const r = await post(body, { user: user.email, password: user.password });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toContain("text/xml");
    expect(r.body).toContain("<ErrorCode>600</ErrorCode>");
    expect(r.body).toContain("<Message>Invalid Request</Message>");
    expect(r.body).not.toContain("root:");
    // And the server goes on answering.
    expect((await post(mobile(user.email), { user: user.email, password: user.password })).body).toContain(
      "MobileSync",
    );
  });
});

describe("AutoDiscover and password guessing", () => {
  it("refuses a client after too many failed logins (429 with Retry-After), other clients still get in", async () => {
    ad = await startAutodiscoverServer({
      db: sim.backend.db,
      region: "us-east-1",
      advertise: false,
      loginAttempts: { max: 3, windowMs: 60_000 },
    });
    for (let i = 0; i < 3; i++)
      expect((await post(mobile(user.email), { user: user.email, password: `guess-${i}` })).status).toBe(401);
    const blocked = await post(mobile(user.email), { user: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(blocked.headers["retry-after"])).toBeLessThanOrEqual(60);
    // Another client (address) is not held back by the first one's failures.
    const other = await post(mobile(user.email), { user: user.email, password: user.password }, "127.0.0.2");
    expect(other.status).toBe(200);
    expect(other.body).toContain("MobileSync");
    // A request without credentials still gets its 401 challenge (that is how clients start).
    expect((await post("", undefined, "127.0.0.3")).status).toBe(401);
  });

  it("limits failed logins by default", async () => {
    ad = await startAutodiscoverServer({ db: sim.backend.db, region: "us-east-1", advertise: false });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await post(mobile(user.email), { user: user.email, password: `guess-${i}` })).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(40);
    expect(statuses.at(-1)).toBe(429);
  });
});
