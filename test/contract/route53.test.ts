import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostedZonesApi } from "../../src/backend/hosted-zones.js";
import { createRoute53HostedZones } from "../../src/backend/route53-hosted-zones.js";
import { LocalHostedZones } from "../../src/local-backend/route53/local-hosted-zones.js";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { quoteTxt } from "../../src/dns-verify/presentation.js";
import { LocalSim } from "../helpers/local-sim.js";

/**
 * The hosted-zones port, run twice: in-process against the local zones, and through the real
 * @aws-sdk/client-route-53 (the aws backend's adapter) against the local Route 53's restXml endpoint
 * of the served simulator (no signature check here: wire.test.ts and served-route53-s3.test.ts check it).
 */
let sim: LocalSim;
let server: RunningSimulator;
const ports: Array<[string, () => Promise<HostedZonesApi>]> = [
  ["in-process", async () => new LocalHostedZones((fn) => sim.backend.tx(fn))],
  [
    "SDK over HTTP",
    async () =>
      createRoute53HostedZones({
        awsProfile: undefined,
        endpoint: server.endpoint,
        maxAttempts: 1,
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      }),
  ],
];

beforeAll(async () => {
  sim = await LocalSim.open();
  server = await serveSimulator({
    dataDir: sim.dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: false,
    faults: {},
  });
});
afterAll(async () => {
  await server.stop();
  await sim.close();
});

describe.each(ports)("the hosted-zones port (%s)", (label, make) => {
  it("creates a zone, finds it by name, writes and lists records, and reports the change", async () => {
    const zones = await make();
    const name = `${label.replace(/\W+/g, "-").toLowerCase()}.example.com`;
    const created = await zones.createHostedZone({
      Name: name,
      CallerReference: `ref-${label}`,
      HostedZoneConfig: { Comment: "wmctl", PrivateZone: false },
    });
    expect(created.HostedZone).toMatchObject({ Name: `${name}.`, Config: { Comment: "wmctl", PrivateZone: false } });
    expect(created.DelegationSet?.NameServers).toEqual(["ns-1.wmctl.localhost", "ns-2.wmctl.localhost"]);
    const id = created.HostedZone?.Id as string;
    const found = await zones.listHostedZonesByName({ DNSName: name, MaxItems: 1 });
    expect(found.HostedZones?.[0]?.Id).toBe(id);
    const key = "v=DKIM1; p=" + "B".repeat(300);
    const change = await zones.changeResourceRecordSets({
      HostedZoneId: id,
      ChangeBatch: {
        Comment: "test",
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: `_amazonses.${name}`,
              Type: "TXT",
              TTL: 1800,
              ResourceRecords: [{ Value: '"token"' }],
            },
          },
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: `sel._domainkey.${name}`,
              Type: "TXT",
              TTL: 1800,
              ResourceRecords: [{ Value: quoteTxt(key) }],
            },
          },
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: name,
              Type: "MX",
              TTL: 3600,
              ResourceRecords: [{ Value: "10 inbound-smtp.us-east-1.amazonaws.com." }],
            },
          },
        ],
      },
    });
    expect(change.ChangeInfo).toMatchObject({ Status: "PENDING", Comment: "test" });
    expect((await zones.getChange({ Id: change.ChangeInfo?.Id })).ChangeInfo?.Status).toBe("INSYNC");
    const sets = await zones.listResourceRecordSets({ HostedZoneId: id });
    expect(sets.ResourceRecordSets?.map((s) => `${s.Name} ${s.Type}`)).toEqual([
      `${name}. MX`,
      `${name}. NS`,
      `${name}. SOA`,
      `_amazonses.${name}. TXT`,
      `sel._domainkey.${name}. TXT`,
    ]);
    expect(sets.ResourceRecordSets?.find((s) => s.Name?.startsWith("sel."))?.ResourceRecords?.[0]?.Value).toBe(
      quoteTxt(key),
    );
  });

  it("raises the service's errors by name: InvalidChangeBatch with its messages, NoSuchHostedZone", async () => {
    const zones = await make();
    const id = (
      await zones.createHostedZone({ Name: `err-${label.length}.example.org`, CallerReference: `err-${label}` })
    ).HostedZone?.Id as string;
    const bad = zones.changeResourceRecordSets({
      HostedZoneId: id,
      ChangeBatch: {
        Changes: [
          {
            Action: "DELETE",
            ResourceRecordSet: {
              Name: `x.err-${label.length}.example.org`,
              Type: "TXT",
              TTL: 60,
              ResourceRecords: [{ Value: '"x"' }],
            },
          },
        ],
      },
    });
    await expect(bad).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      $fault: "client",
      message: expect.stringContaining("but it was not found"),
      messages: [expect.stringContaining("but it was not found")],
    });
    await expect(zones.listResourceRecordSets({ HostedZoneId: "ZDOESNOTEXIST" })).rejects.toMatchObject({
      name: "NoSuchHostedZone",
    });
    await expect(zones.getChange({ Id: "CDOESNOTEXIST" })).rejects.toMatchObject({ name: "NoSuchChange" });
  });
});
