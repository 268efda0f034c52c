import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrgWithUsers } from "../helpers/seed-org-users.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await seedOrgWithUsers(cli, ["bob", "alice"]);
});
afterEach(() => cli.cleanup());

interface Rule {
  id: string;
  name: string;
  effect: string;
  conditions: string;
  operatingSystems?: string[];
  deviceTypes?: string[];
}
const IPHONE =
  "--device-type iPhone --device-model iPhone10C1 --os 'iOS 14.2.1 16F203' --user-agent 'iOS/14.2 (18B92) exchangesyncd/1.0'";
const DEVICE = "6APMEKPHCP2ND42VIJ4BR8ECD0";

describe("wmctl mobile-rule", () => {
  it("walks the guide: default allow, BlockAllAndroid, AllowLatestiOS without the default, update to 14.4", async () => {
    expect((await cli.ok("mobile-rule list --fields name,effect,conditions")).stdout).toBe(
      "default\tALLOW\tall devices\n",
    );
    expect((await cli.ok(`mobile-rule test ${IPHONE} --fields effect,decidedBy,matchedRules`)).stdout).toBe(
      "ALLOW\trules\tdefault\n",
    );
    await cli.ok("mobile-rule create BlockAllAndroid --effect deny --device-type android");
    expect((await cli.ok("mobile-rule test --device-type Android --fields effect,matchedRules")).stdout).toBe(
      "DENY\tBlockAllAndroid\n",
    );
    await cli.ok("mobile-rule create AllowLatestiOS --effect allow --os 'iOS 14.3'");
    await cli.ok("mobile-rule delete default --yes");
    expect((await cli.ok(`mobile-rule test ${IPHONE} --fields effect,decidedBy`)).stdout).toBe(
      "DENY\tno matching rule\n",
    );
    expect((await cli.ok("mobile-rule test --device-type iPhone --os 'iOS 14.3 18C66' --fields effect")).stdout).toBe(
      "ALLOW\n",
    );
    const updated = await cli.json<Rule>("mobile-rule update AllowLatestiOS --os 'iOS 14.4'");
    expect(updated).toMatchObject({ name: "AllowLatestiOS", effect: "ALLOW", operatingSystems: ["iOS 14.4"] });
    expect((await cli.ok("mobile-rule test --device-type iPhone --os 'iOS 14.3 18C66' --fields effect")).stdout).toBe(
      "DENY\n",
    );
    expect((await cli.ok("mobile-rule test --device-type iPhone --os 'iOS 14.4.1' --fields effect")).stdout).toBe(
      "ALLOW\n",
    );
  });

  it("refuses a second rule with a name already used (exit 6), unless --allow-duplicate", async () => {
    const first = await cli.json<Rule>("mobile-rule create BlockAndroid --effect deny --device-type android");
    const again = await cli.run("mobile-rule create blockandroid --effect deny --device-type android");
    expect(again.code).toBe(6);
    expect(again.stderr).toBe(
      `error: a mobile device access rule named "BlockAndroid" already exists (${first.id})\n` +
        "hint: change it with `wmctl mobile-rule update BlockAndroid`, choose another name, or pass --allow-duplicate\n",
    );
    expect((await cli.run("mobile-rule create BlockAndroid --effect deny --dry-run")).code).toBe(6);
    expect((await cli.ok("mobile-rule list --fields name")).stdout).toBe("default\nBlockAndroid\n");
    await cli.ok("mobile-rule create BlockAndroid --effect deny --device-type android --allow-duplicate");
    expect((await cli.ok("mobile-rule list --fields name")).stdout).toBe("default\nBlockAndroid\nBlockAndroid\n");
    await cli.ok(`mobile-rule delete ${first.id} --yes`);
    await cli.ok("mobile-rule delete BlockAndroid --yes");
  });

  it("handles $NONE and NOT conditions on unreported fields", async () => {
    await cli.ok("mobile-rule delete default --yes");
    await cli.ok("mobile-rule create AppleOrUnknown --effect allow --device-type iphone,ipad,$NONE");
    expect((await cli.ok("mobile-rule test --device-model HTCOneX --fields effect")).stdout).toBe("ALLOW\n");
    expect((await cli.ok("mobile-rule test --device-type Android --fields effect")).stdout).toBe("DENY\n");
    await cli.ok("mobile-rule delete AppleOrUnknown --yes");
    await cli.ok("mobile-rule create NotAndroid --effect allow --not-device-type android");
    expect((await cli.ok("mobile-rule test --device-type iPad --fields effect")).stdout).toBe("ALLOW\n");
    expect((await cli.ok("mobile-rule test --device-model HTCOneX --fields effect")).stdout).toBe("DENY\n");
  });

  it("keeps what update does not change, and --clear-conditions drops the rest", async () => {
    const created = await cli.json<Rule>(
      "mobile-rule create r1 --effect deny --device-type android --os 'Android 8' --description first",
    );
    const kept = await cli.json<Rule>(`mobile-rule update ${created.id} --effect allow`);
    expect(kept).toMatchObject({ effect: "ALLOW", deviceTypes: ["android"], operatingSystems: ["Android 8"] });
    const cleared = await cli.json<Rule>("mobile-rule update r1 --clear-conditions --os 'Android 9'");
    expect(cleared.conditions).toBe("os Android 9");
    expect(cleared.deviceTypes).toBeUndefined();
  });

  it("refuses ambiguous names, unknown rules and a missing effect", async () => {
    await cli.ok("mobile-rule create twin --effect allow");
    await cli.ok("mobile-rule create twin --effect deny --allow-duplicate");
    const amb = await cli.run("mobile-rule delete twin --yes");
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('2 mobile rules are named "twin"');
    expect((await cli.run("mobile-rule delete nope --yes")).code).toBe(5);
    const noEffect = await cli.run("mobile-rule create x");
    expect(noEffect.code).toBe(2);
    expect(noEffect.stderr).toContain("missing required option --effect");
  });

  it("prints --dry-run plans with the field names of `mobile-rule list -o json`", async () => {
    const create = await cli.ok(
      "mobile-rule create r1 --effect deny --device-type android --not-os 'Android 1' --dry-run",
    );
    expect(create.stdout).toBe(
      "would CreateMobileDeviceAccessRule r1  effect=DENY deviceTypes=android notOperatingSystems=Android 1\n",
    );
    const { id } = await cli.json<Rule>("mobile-rule create r1 --effect deny --device-type android");
    const update = await cli.json<{ changes: Array<{ details: Record<string, unknown> }> }>(
      "mobile-rule update r1 --os 'Android 9' --dry-run",
    );
    expect(update.changes[0]?.details).toEqual({
      name: "r1",
      effect: "DENY",
      deviceTypes: ["android"],
      operatingSystems: ["Android 9"],
    });
    expect((await cli.json<Rule>(`mobile-rule update ${id} --description x`)).operatingSystems).toBeUndefined();
  });

  it("warns before deleting the last rule and needs --yes without a terminal", async () => {
    const r = await cli.run("mobile-rule delete default");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the last mobile device access rule? With no rules, all mobile device access is blocked",
    );
    const plan = await cli.ok("mobile-rule delete default --dry-run");
    expect(plan.stdout).toMatch(
      /^would DeleteMobileDeviceAccessRule default \([0-9a-f]+\)  rulesLeft=0 blocksAllDevices=true\n$/,
    );
  });
});

describe("wmctl mobile-override", () => {
  it("deny-all plus overrides: only the approved user and device get in", async () => {
    await cli.ok("mobile-rule create DefaultDenyAll --effect deny");
    expect((await cli.ok(`mobile-rule test ${IPHONE} --fields effect`)).stdout).toBe("DENY\n");
    const put = await cli.run(`mobile-override put bob ${DEVICE} --effect allow --description compliant`);
    expect(put.code).toBe(0);
    expect(put.stderr).toContain(`Allowed device ${DEVICE} of bob@acme.awsapps.com`);
    expect(
      (
        await cli.ok(
          `mobile-rule test ${IPHONE} --user bob --device-id ${DEVICE.toLowerCase()} --fields effect,decidedBy`,
        )
      ).stdout,
    ).toBe("ALLOW\toverride\n");
    expect(
      (await cli.ok(`mobile-rule test ${IPHONE} --user alice --device-id ${DEVICE} --fields effect,decidedBy`)).stdout,
    ).toBe("DENY\trules\n");
    expect((await cli.ok(`mobile-rule test ${IPHONE} --user bob --device-id OTHERDEVICE --fields effect`)).stdout).toBe(
      "DENY\n",
    );
  });

  it("puts, updates, gets, lists and deletes overrides", async () => {
    await cli.ok(`mobile-override put bob ${DEVICE} --effect deny`);
    await cli.ok(`mobile-override put bob ${DEVICE} --effect allow`);
    await cli.ok("mobile-override put alice DEV2 --effect deny");
    expect((await cli.ok(`mobile-override get bob ${DEVICE} --fields user,deviceId,effect`)).stdout).toBe(
      `bob@acme.awsapps.com\t${DEVICE}\tALLOW\n`,
    );
    expect((await cli.ok("mobile-override list --fields user,deviceId,effect")).stdout).toBe(
      `bob@acme.awsapps.com\t${DEVICE}\tALLOW\nalice@acme.awsapps.com\tDEV2\tDENY\n`,
    );
    expect((await cli.ok("mobile-override list --user alice --fields deviceId")).stdout).toBe("DEV2\n");
    const refused = await cli.run(`mobile-override delete bob ${DEVICE}`);
    expect(refused.code).toBe(2);
    await cli.ok(`mobile-override delete bob ${DEVICE} --yes`);
    const gone = await cli.run(`mobile-override get bob ${DEVICE}`);
    expect(gone.code).toBe(5);
    expect(gone.stderr).toContain("the mobile rules decide");
    expect((await cli.run("mobile-override put nobody DEV1 --effect deny")).code).toBe(5);
    const bad = await cli.run("mobile-override put bob not-a-device! --effect deny");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("ValidationException");
  });
});
