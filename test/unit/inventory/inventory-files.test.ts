import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareOutDir, readInventory, writeInventoryDir } from "../../../src/inventory/inventory-files.js";
import { coreTables } from "../../../src/inventory/tables.js";
import { sampleInventory } from "./fixtures.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-inv-files-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writing an inventory folder", () => {
  it("writes inventory.json and the CSV files, private to the owner, and reads it back as written", async () => {
    const out = join(dir, "acme");
    const doc = sampleInventory();
    const files = await writeInventoryDir(out, doc, coreTables(doc), await prepareOutDir(out));
    expect(files).toContain("users.csv");
    expect(readdirSync(out).sort()).toEqual([...files, "inventory.json"].sort());
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);
    const back = await readInventory(out);
    expect(back.doc).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(back.doc.files).toEqual(files);
    expect((await readInventory(join(out, "inventory.json"))).doc.createdAt).toBe(doc.createdAt);
  });

  it("replaces an earlier inventory, removing the tables the new one no longer has", async () => {
    const first = sampleInventory();
    await writeInventoryDir(dir, first, coreTables(first), await prepareOutDir(dir));
    expect(readdirSync(dir)).toContain("domains.csv");
    const second = sampleInventory();
    delete second.areas.domains;
    await writeInventoryDir(dir, second, coreTables(second), await prepareOutDir(dir));
    expect(readdirSync(dir)).not.toContain("domains.csv");
    expect(readdirSync(dir)).not.toContain("domain-records.csv");
    expect(readdirSync(dir)).toContain("users.csv");
  });

  it("refuses a folder with other content, or a file, before anything is collected", async () => {
    writeFileSync(join(dir, "notes.txt"), "mine");
    await expect(prepareOutDir(dir)).rejects.toThrow("is not empty and holds no wmctl inventory");
    writeFileSync(join(dir, "inventory.json"), '{"hello": 1}');
    await expect(prepareOutDir(dir)).rejects.toThrow("holds an inventory.json that is not a wmctl inventory");
    await expect(prepareOutDir(join(dir, "notes.txt"))).rejects.toThrow("is a file, not a folder");
    mkdirSync(join(dir, "empty"));
    writeFileSync(join(dir, "empty", ".DS_Store"), "");
    await expect(prepareOutDir(join(dir, "empty"))).resolves.toEqual([]);
  });
});

describe("reading an inventory", () => {
  const write = (value: unknown) => {
    writeFileSync(join(dir, "inventory.json"), typeof value === "string" ? value : JSON.stringify(value));
    return dir;
  };

  it("explains a missing folder, a folder without inventory, bad JSON and another format", async () => {
    await expect(readInventory(join(dir, "nope"))).rejects.toThrow("does not exist");
    await expect(readInventory(dir)).rejects.toThrow("there is no inventory.json in");
    await expect(readInventory(write("{not json"))).rejects.toThrow("is not valid JSON");
    await expect(readInventory(write({ format: "something-else" }))).rejects.toThrow(
      'is not a wmctl inventory (no "format": "wmctl-inventory")',
    );
  });

  it("refuses a newer format, naming the wmctl that wrote it", async () => {
    const doc = { ...sampleInventory(), formatVersion: 3, wmctlVersion: "9.0.0" };
    const err = (await readInventory(write(doc)).then(
      () => undefined,
      (e: unknown) => e,
    )) as { message: string; hint: string };
    expect(err.message).toMatch(/has inventory format 3; this wmctl reads format 2 and earlier$/);
    expect(err.hint).toBe("it was written by wmctl 9.0.0: upgrade wmctl to restore it");
  });

  it.each([
    [
      "a user without a name",
      (d: ReturnType<typeof sampleInventory>) => delete (d.areas.users?.[1] as { name?: string }).name,
      "areas.users[1].name: expected a non-empty string",
    ],
    [
      "aliases that are not a list",
      (d: ReturnType<typeof sampleInventory>) => ((d.areas.users?.[0] as { aliases: unknown }).aliases = "x@y.com"),
      "areas.users[0].aliases: expected an array",
    ],
    [
      "a member without a type",
      (d: ReturnType<typeof sampleInventory>) => delete (d.areas.groups?.[0]?.members[1] as { type?: string }).type,
      "areas.groups[0].members[1].type: expected a non-empty string",
    ],
    [
      "booking options as text",
      (d: ReturnType<typeof sampleInventory>) =>
        ((d.areas.resources?.[0] as { bookingOptions: unknown }).bookingOptions = "auto"),
      "areas.resources[0].bookingOptions: expected an object",
    ],
    [
      "a user attribute that is not text",
      (d: ReturnType<typeof sampleInventory>) => ((d.areas.users?.[0] as { office: unknown }).office = 12),
      "areas.users[0].office: expected a string",
    ],
    [
      "a quota as text",
      (d: ReturnType<typeof sampleInventory>) => ((d.areas.mailboxes?.[0] as { quotaMb: unknown }).quotaMb = "2048"),
      "areas.mailboxes[0].quotaMb: expected a number",
    ],
  ])("names the first damaged field: %s", async (_what, damage, message) => {
    const doc = sampleInventory();
    damage(doc);
    await expect(readInventory(write(doc))).rejects.toThrow(message);
  });

  it("checks the policy areas' data too, before restore changes anything", async () => {
    const text = { ...sampleInventory(), areas: { ...sampleInventory().areas, "access-rules": "anything" } };
    await expect(readInventory(write(text))).rejects.toThrow("areas.access-rules: expected an array");
    const effect = {
      ...sampleInventory(),
      areas: { ...sampleInventory().areas, "access-rules": [{ name: "office", effect: "allow", description: "" }] },
    };
    await expect(readInventory(write(effect))).rejects.toThrow(
      'areas.access-rules[0].effect: expected ALLOW or DENY, found "allow"',
    );
    const none = {
      ...sampleInventory(),
      areas: { ...sampleInventory().areas, retention: null, "identity-provider": null },
    };
    await expect(readInventory(write(none))).resolves.toBeDefined();
  });
});
