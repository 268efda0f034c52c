import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { MailOrg, message } from "../helpers/mail-org.js";

let cli: CliHarness;
let o: MailOrg;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  o = await MailOrg.attach(cli.home);
  await o.user("alice");
});
afterEach(async () => {
  await o.close();
  cli.cleanup();
});

async function deliver(folder: string, subjects: string[]): Promise<void> {
  for (const s of subjects) {
    const file = join(cli.home, `${s}.eml`);
    writeFileSync(file, message(s));
    await cli.ok(["local", "deliver", "--to", "alice", "--folder", folder, file]);
  }
}

describe("the retention policy applied as the simulator clock moves", () => {
  it("purges junk after its period, moves old Inbox mail to Deleted Items, and an export reflects it", async () => {
    await deliver("Inbox", ["keep-1", "keep-2"]);
    await deliver("Junk E-mail", ["spam-1", "spam-2", "spam-3"]);
    await cli.ok(
      "retention set --folder junk-email=permanently-delete:30 --folder inbox=delete:365 --folder deleted-items=permanently-delete:30 --yes",
    );

    await cli.ok("local advance 29d");
    expect(o.folderCounts("alice")["Junk E-mail"]).toBe(3);

    await cli.ok("local advance 2d");
    // 31 days: the junk is gone for good; Inbox mail is untouched.
    const inventory = o.folderCounts("alice");
    expect(inventory["Junk E-mail"] ?? 0).toBe(0);
    expect(inventory.Inbox).toBe(2);
    // An export now holds the two Inbox messages only.
    const job = await cli.json<{ id: string; state: string }>("export start alice --wait");
    expect(job.state).toBe("COMPLETED");
    const described = await cli.json<{ messages: number }>(["export", "describe", job.id]);
    expect(described.messages).toBe(2);

    await cli.ok("local advance 335d");
    // 366 days after delivery: Inbox mail moved to Deleted Items, where its age restarts.
    const moved = o.folderCounts("alice");
    expect(moved.Inbox ?? 0).toBe(0);
    expect(moved["Deleted Items"]).toBe(2);

    await cli.ok("local advance 31d");
    // 31 days in Deleted Items: removed for good.
    const gone = o.folderCounts("alice");
    expect(gone["Deleted Items"] ?? 0).toBe(0);
  });

  it("does nothing without a policy", async () => {
    await deliver("Junk E-mail", ["spam-1"]);
    await cli.ok("local advance 400d");
    expect(o.folderCounts("alice")["Junk E-mail"]).toBe(1);
  });
});
