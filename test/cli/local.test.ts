import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

describe("wmctl local coverage", () => {
  it("lists the 92 operations of the model, implemented or not, with a summary", async () => {
    const r = await cli.ok("local coverage");
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t"));
    expect(rows).toHaveLength(92);
    expect(rows).toContainEqual(["CreateUser", "true", "false"]);
    expect(rows).toContainEqual(["ListUsers", "true", "true"]);
    expect(rows.filter((row) => row[1] !== "true")).toEqual([]);
    expect(r.stderr).toContain("92 of 92 operations implemented (100%)");
    const missing = await cli.ok("local coverage --missing --fields operation");
    expect(missing.stdout).toBe("");
    const both = await cli.run("local coverage --missing --implemented");
    expect([both.code, both.stdout, both.stderr]).toEqual([
      2,
      "",
      "error: --missing and --implemented contradict each other\nhint: give one, or neither for every operation\n",
    ]);
  });
});

describe("wmctl local credentials", () => {
  it("prints the store's own key as shell exports, the same every time", async () => {
    const a = await cli.ok("local credentials");
    expect(a.stdout).toMatch(/^# wmctl local simulator \(.+\): these keys open this simulator only, never AWS\n/);
    expect(a.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='AKIDWMCTL[A-Z2-7]{11}'$/m);
    expect(a.stdout).toMatch(/^export AWS_SECRET_ACCESS_KEY='[A-Za-z0-9/+]{40}'$/m);
    expect(a.stdout).toContain("export AWS_REGION='us-east-1'\n");
    expect(a.stdout).toContain("unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE\n");
    expect(a.stdout).not.toContain("AWS_ENDPOINT_URL_WORKMAIL");
    expect((await cli.ok("local credentials")).stdout).toBe(a.stdout);
    const json = await cli.json<{ accessKeyId: string; secretAccessKey: string; region: string }>("local credentials");
    expect(a.stdout).toContain(json.secretAccessKey);
    expect((await cli.ok("local credentials --shell fish")).stdout).toContain(
      `set -gx AWS_ACCESS_KEY_ID '${json.accessKeyId}'`,
    );
  });

  it("differs from one store to another", async () => {
    const other = new CliHarness();
    try {
      const a = await cli.json<{ accessKeyId: string }>("local credentials");
      const b = await other.json<{ accessKeyId: string }>("local credentials");
      expect(a.accessKeyId).not.toBe(b.accessKeyId);
    } finally {
      other.cleanup();
    }
  });
});

describe("wmctl local status, reset, snapshot, restore", () => {
  it("shows the store, the clock and the contents", async () => {
    await cli.ok("org create acme");
    await cli.ok("local advance 2h");
    const s = await cli.json<{
      store: string;
      clockOffset: string;
      tables: Record<string, number>;
      implemented: string;
      servedAt?: string;
    }>("local status");
    expect(s.store).toBe(cli.home);
    expect(s.clockOffset).toBe("+2h");
    expect(s.tables.organizations).toBe(1);
    expect(s.implemented).toMatch(/^\d+\/92$/);
    expect(s.servedAt).toBeUndefined();
  });

  it("resets only with confirmation, and keeps the credentials", async () => {
    await cli.ok("org create acme");
    const creds = (await cli.ok("local credentials")).stdout;
    const refused = await cli.run("local reset");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("confirmation needed");
    expect((await cli.ok("local reset --dry-run")).stdout).toBe(`would reset ${cli.home}\n`);
    expect((await cli.json<unknown[]>("org list")).length).toBe(1);
    await cli.ok("local reset --yes");
    expect(await cli.json<unknown[]>("org list")).toEqual([]);
    expect((await cli.ok("local credentials")).stdout).toBe(creds);
  });

  it("restores a snapshot, clock included, after confirmation", async () => {
    await cli.ok("org create acme");
    await cli.ok("local advance 1d");
    const snap = await cli.json<{ name: string; bytes: number }>("local snapshot before");
    expect(snap).toMatchObject({ name: "before" });
    expect(snap.bytes).toBeGreaterThan(0);
    expect((await cli.run("local snapshot before")).code).toBe(6);
    expect((await cli.run("local snapshot 'bad name'")).code).toBe(2);
    await cli.ok("org create globex");
    await cli.ok("local reset --yes");
    expect((await cli.run("local restore before")).code).toBe(2);
    const restored = await cli.run("local restore before --yes");
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain("Restored snapshot before");
    expect((await cli.json<{ alias: string }[]>("org list")).map((o) => o.alias)).toEqual(["acme"]);
    expect((await cli.json<{ clockOffset: string }>("local status")).clockOffset).toBe("+1d");
    expect((await cli.ok("local snapshots --fields name")).stdout).toBe("before\n");
    const missing = await cli.run("local restore nope --yes");
    expect(missing.code).toBe(5);
    expect(missing.stderr).toBe('error: ResourceNotFoundException: no snapshot named "nope"\n');
  });
});

describe("wmctl local advance", () => {
  it("refuses to move the clock past year 9999, and the store stays usable", async () => {
    const r = await cli.run("local advance 99999999999999999999d");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: ValidationException: the simulator clock cannot go past 9999-12-31T23:59:59.999Z: advance it by less\n",
    );
    expect((await cli.json<{ clockOffset: string }>("local status")).clockOffset).toBe("0s");
    expect((await cli.ok("local snapshot after")).stderr).toContain("Saved snapshot after");
  });
});

describe("wmctl local lifecycle", () => {
  it("shows immediate delays, sets one by name, and refuses unknown names", async () => {
    expect((await cli.ok("local lifecycle")).stdout).toContain("organizationCreate\timmediate\n");
    const set = await cli.ok("local lifecycle organizationCreate=90s");
    expect(set.stdout).toContain("organizationCreate\t1m30s\n");
    expect((await cli.json<{ state: string }>("org create acme")).state).toBe("Creating");
    await cli.ok("local advance 2m");
    expect((await cli.json<{ state: string }>("org describe acme")).state).toBe("Active");
    const bad = await cli.run("local lifecycle nosuch=1m");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown lifecycle "nosuch"');
    expect(bad.stderr).toContain(
      "hint: known: organizationCreate, organizationDelete, exportJob, exportMegabytesPerSecond,",
    );
    expect((await cli.ok("local lifecycle --reset")).stdout).toContain("organizationCreate\timmediate\n");
  });

  it("sets the export throughput as a number, not a duration, and shows it as one", async () => {
    expect((await cli.ok("local lifecycle")).stdout).toContain("exportMegabytesPerSecond\tunlimited\n");
    const set = await cli.ok("local lifecycle exportMegabytesPerSecond=5 exportJob=2m");
    expect(set.stdout).toContain("exportMegabytesPerSecond\t5MB/s\n");
    expect(set.stdout).toContain("exportJob\t2m\n");
    const rows = await cli.json<Array<{ name: string; seconds?: number; value: number }>>("local lifecycle");
    expect(rows.find((r) => r.name === "exportMegabytesPerSecond")).toEqual({
      name: "exportMegabytesPerSecond",
      delay: "5MB/s",
      value: 5,
    });
    expect(rows.find((r) => r.name === "exportJob")).toMatchObject({ seconds: 120, value: 120 });
    expect((await cli.json<{ lifecycle: Record<string, number> }>("local status")).lifecycle).toMatchObject({
      exportMegabytesPerSecond: 5,
      exportJobSeconds: 120,
    });
    expect((await cli.ok("local status --fields lifecycle")).stdout).toContain(
      "exportJob=2m exportMegabytesPerSecond=5MB/s ",
    );
    const bad = await cli.run("local lifecycle exportMegabytesPerSecond=fast");
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'error: exportMegabytesPerSecond: invalid value "fast" (use a number of megabytes per second; 0: unlimited)\n',
    ]);
  });
});

describe("wmctl --endpoint-url at something that is not a served simulator", () => {
  it("says it cannot be reached, or does not look like a wmctl simulator, with exit code 1", async () => {
    const { createServer } = await import("node:http");
    const web = createServer((_req, res) =>
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>"),
    );
    const port = await new Promise<number>((resolve) =>
      web.listen(0, "127.0.0.1", () => resolve((web.address() as { port: number }).port)),
    );
    const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_REGION: "us-east-1" };
    try {
      const other = await cli.run(`--endpoint-url http://127.0.0.1:${port} local status`, { env });
      expect([other.code, other.stderr]).toEqual([
        1,
        `error: http://127.0.0.1:${port} answered HTTP 404 without JSON: it does not look like a wmctl simulator (\`wmctl local serve\`)\n`,
      ]);
    } finally {
      await new Promise((r) => web.close(r));
    }
    const gone = await cli.run("--endpoint-url http://127.0.0.1:1 local status", { env });
    expect([gone.code, gone.stderr]).toEqual([
      1,
      "error: cannot reach the simulator at http://127.0.0.1:1: ECONNREFUSED (is `wmctl local serve` running there?)\n",
    ]);
  });
});

describe("wmctl local faults", () => {
  it("explains that faults need a served simulator", async () => {
    const r = await cli.run("local faults --throttle 5");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: fault injection applies to a served simulator");
  });
});

describe("wmctl local serve", () => {
  it("prints its endpoint, notes it in the store while it runs, and stops cleanly when interrupted", async () => {
    let stop: (s: string) => void = () => undefined;
    const interrupted = new Promise<string>((resolve) => (stop = resolve));
    const run = cli.run("local serve --port 0 -o json", { interrupted: () => interrupted });
    let creds = "";
    for (let i = 0; i < 100 && !creds.includes("AWS_ENDPOINT_URL_WORKMAIL"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      creds = (await cli.ok("local credentials")).stdout;
    }
    expect(creds).toMatch(/^export AWS_ENDPOINT_URL_WORKMAIL='http:\/\/127\.0\.0\.1:\d+'$/m);
    stop("SIGTERM");
    const r = await run;
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { endpoint: string; auth: string; region: string };
    expect(printed).toMatchObject({ auth: "sigv4", region: "us-east-1" });
    expect(creds).toContain(printed.endpoint);
    expect(r.stderr).toContain("SIGTERM: stopping");
    expect(r.stderr).toContain(`Stopped serving ${printed.endpoint}`);
    expect((await cli.ok("local credentials")).stdout).not.toContain("AWS_ENDPOINT_URL_WORKMAIL");
  });

  it("runs only the listeners asked for, on the ports given, and says which port is taken", async () => {
    let stop: (s: string) => void = () => undefined;
    const interrupted = new Promise<string>((resolve) => (stop = resolve));
    const run = cli.run("local serve --port 0 --no-dns --no-autodiscover -o json", { interrupted: () => interrupted });
    let status: { listeners?: string[]; dns?: string } = {};
    for (let i = 0; i < 100 && status.listeners === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await cli.json<typeof status>("local status");
    }
    expect(status.listeners?.map((l) => l.split("=")[0])).toEqual(["workmail", "route53", "s3"]);
    expect(status.dns).toBeUndefined();
    stop("SIGTERM");
    const r = await run;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      listeners: [
        expect.stringMatching(/^workmail=/),
        expect.stringMatching(/^route53=/),
        expect.stringMatching(/^s3=/),
      ],
    });

    // A DNS port another process holds (UDP and TCP): the error names the flag to change.
    const { createSocket } = await import("node:dgram");
    const taken = createSocket("udp4");
    const port = await new Promise<number>((resolve) =>
      taken.bind(0, "127.0.0.1", () => resolve(taken.address().port)),
    );
    try {
      const busy = await cli.run(`local serve --port 0 --dns-port ${port} --no-autodiscover`);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(
        `the DNS port ${port} is already in use: pick another with --dns-port (0 picks a free one), or turn it off with --no-dns`,
      );
    } finally {
      taken.close();
    }
    // Nothing was left running or advertised.
    expect((await cli.json<{ listeners?: string[] }>("local status")).listeners).toBeUndefined();
    const both = await cli.run("local serve --dns-port 5353 --no-dns");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--dns-port and --no-dns contradict each other");
  });

  it("refuses bad fault settings and an endpoint instead of a store", async () => {
    expect((await cli.run("local serve --error-rate 2")).stderr).toContain("--error-rate must be a number from 0 to 1");
    const r = await cli.run("local serve --endpoint-url http://127.0.0.1:1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("`local serve` serves the local simulator's store");
  });
});
