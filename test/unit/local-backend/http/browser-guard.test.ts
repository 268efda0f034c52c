import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { browserGuard } from "../../../../src/local-backend/http/browser-guard.js";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("browserGuard", () => {
  it("without signatures, answers only Host names of the simulator itself", () => {
    const guard = browserGuard({ auth: false, corsOrigins: [], host: "sim.internal" });
    for (const host of [
      "127.0.0.1:4750",
      "[::1]:4750",
      "localhost:4750",
      "LOCALHOST",
      "bucket.localhost:4750",
      "sim.internal:4750",
      "10.1.2.3",
    ]) {
      expect(guard(req({ host })).ok, host).toBe(true);
    }
    for (const host of [
      "evil.example:4750",
      "127.0.0.1.nip.io:4750",
      "localhost.evil.example",
      "sim.internal.evil.example",
    ]) {
      expect(guard(req({ host })).ok, host).toBe(false);
    }
  });

  it("without signatures, refuses browser pages unless --cors-origin names them", () => {
    const guard = browserGuard({ auth: false, corsOrigins: ["http://App.test:3000/"], host: "127.0.0.1" });
    expect(guard(req({ host: "127.0.0.1", origin: "http://app.test:3000" }))).toEqual({
      ok: true,
      cors: {
        "Access-Control-Allow-Origin": "http://app.test:3000",
        "Access-Control-Expose-Headers": expect.any(String),
        Vary: "Origin",
      },
    });
    expect(guard(req({ host: "127.0.0.1", origin: "null" })).ok).toBe(false);
    expect(guard(req({ host: "127.0.0.1", "sec-fetch-site": "cross-site" })).ok).toBe(false);
    expect(guard(req({ host: "127.0.0.1", "sec-fetch-site": "none" })).ok).toBe(true);
    expect(
      browserGuard({ auth: false, corsOrigins: ["*"], host: "127.0.0.1" })(
        req({ host: "127.0.0.1", origin: "http://any.example" }),
      ),
    ).toMatchObject({ ok: true, cors: { "Access-Control-Allow-Origin": "*" } });
  });

  it("with signatures, lets any Host and origin in (CORS *), or only the named origins", () => {
    expect(
      browserGuard({ auth: true, corsOrigins: [], host: "127.0.0.1" })(
        req({ host: "sim.example", origin: "http://x.example" }),
      ),
    ).toMatchObject({ ok: true, cors: { "Access-Control-Allow-Origin": "*" } });
    expect(
      browserGuard({ auth: true, corsOrigins: ["https://console.test"], host: "127.0.0.1" })(
        req({ host: "sim.example", origin: "http://x.example" }),
      ).ok,
    ).toBe(false);
  });
});
