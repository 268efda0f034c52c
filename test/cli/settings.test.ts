import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrgWithUsers } from "../helpers/seed-org-users.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await seedOrgWithUsers(cli, ["bob"]);
});
afterEach(() => cli.cleanup());

describe("wmctl retention", () => {
  it("shows nothing at first, sets a policy from folder specs, replaces it, and deletes it", async () => {
    const none = await cli.run("retention show");
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("No retention policy");
    const set = await cli.json<{ id: string; name: string; folders: unknown[] }>(
      "retention set --folder inbox=delete:30 --folder junk=permanently-delete:7 --folder drafts=none --yes",
    );
    expect(set.name).toBe("default");
    expect(set.folders).toEqual([
      { folder: "INBOX", action: "DELETE", days: 30 },
      { folder: "JUNK_EMAIL", action: "PERMANENTLY_DELETE", days: 7 },
      { folder: "DRAFTS", action: "NONE" },
    ]);
    await cli.ok("retention set --folder deleted-items=purge:14 --yes");
    const shown = await cli.json<{ id: string; summary: string }>("retention show");
    expect(shown.id).toBe(set.id);
    expect(shown.summary).toBe("DELETED_ITEMS: PERMANENTLY_DELETE after 14 days");
    expect((await cli.run("retention delete")).code).toBe(2);
    await cli.ok("retention delete --yes");
    expect((await cli.run("retention delete --yes")).code).toBe(5);
  });

  it("shows what a change drops or makes permanent and asks first; --merge keeps the other folders", async () => {
    await cli.ok("retention set --folder inbox=delete:365 --folder junk=delete:30");
    const refused = await cli.run("retention set --folder inbox=purge:30");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "Retention policy default, folder by folder:\n  INBOX: DELETE:365 -> PERMANENTLY_DELETE:30\n  JUNK_EMAIL: DELETE:30 -> (no rule)\n" +
        "error: Apply this retention policy to every mailbox (permanently deleted messages cannot be recovered): confirmation needed\nhint: pass --yes to confirm without a prompt\n",
    );
    expect((await cli.json<{ summary: string }>("retention show")).summary).toBe(
      "INBOX: DELETE after 365 days; JUNK_EMAIL: DELETE after 30 days",
    );
    const dry = await cli.ok("retention set --folder inbox=purge:30 --dry-run");
    expect(dry.stdout).toContain(
      "changes=INBOX: DELETE:365 -> PERMANENTLY_DELETE:30,JUNK_EMAIL: DELETE:30 -> (no rule)",
    );
    const merged = await cli.ok("retention set --merge --folder inbox=delete:30 --yes -o json");
    expect(JSON.parse(merged.stdout)).toMatchObject({
      summary: "INBOX: DELETE after 30 days; JUNK_EMAIL: DELETE after 30 days",
    });
    const same = await cli.ok("retention set --merge --folder inbox=delete:30");
    expect(same.stderr).toBe("✓ Retention policy default already has these rules: nothing to change\n");
    // Only adding a recoverable rule needs no confirmation.
    await cli.ok("retention set --merge --folder drafts=delete:90");
  });

  it.each([
    ["inbox", "expected FOLDER=ACTION:DAYS"],
    ["archive=delete:3", 'unknown folder "archive"'],
    ["inbox=shred:3", 'unknown action "shred"'],
    ["inbox=delete", "delete needs a number of days"],
    ["inbox=delete:0", "days must be a whole number 1-730"],
    ["inbox=delete:731", "days must be a whole number 1-730"],
  ])("refuses --folder %s with exit code 2", async (spec, message) => {
    const r = await cli.run(["retention", "set", "--folder", spec]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("wmctl dmarc", () => {
  it("is on by default; turning it off or on needs a confirmation, and what is already so is said", async () => {
    expect((await cli.ok("dmarc show")).stdout).toBe("true\n");
    expect((await cli.ok("dmarc enable")).stderr).toBe("✓ DMARC enforcement is already on\n");
    const off = await cli.run("dmarc disable");
    expect(off.code).toBe(2);
    expect(off.stderr).toContain(
      "error: Stop enforcing DMARC (incoming mail that fails the sender's DMARC policy will be delivered): confirmation needed",
    );
    expect((await cli.ok("dmarc show")).stdout).toBe("true\n");
    await cli.ok("dmarc disable --yes");
    expect((await cli.ok("dmarc disable")).stderr).toBe("✓ DMARC enforcement is already off\n");
    expect(await cli.json("dmarc show")).toEqual({ enforced: false });
    const r = await cli.run("dmarc enable");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("inbound emails may then be dropped or quarantined");
    await cli.ok("dmarc enable --yes");
    expect((await cli.ok("dmarc show")).stdout).toBe("true\n");
  });
});

describe("wmctl monitoring", () => {
  it("enables event logging with the guide's default log group and the service-linked role", async () => {
    expect(await cli.json("monitoring show")).toEqual({ enabled: false });
    const on = await cli.json<{ enabled: boolean; logGroupArn: string; roleArn: string }>("monitoring enable --yes");
    expect(on.logGroupArn).toMatch(/^arn:aws:logs:us-east-1:\d{12}:log-group:\/aws\/workmail\/emailevents\/acme:\*$/);
    expect(on.roleArn).toMatch(
      /:role\/aws-service-role\/events\.workmail\.amazonaws\.com\/AWSServiceRoleForAmazonWorkMailEvents$/,
    );
    const custom = await cli.json<{ logGroupArn: string; roleArn: string }>(
      "monitoring enable --log-group workmail-monitoring --role-arn arn:aws:iam::111122223333:role/workmail-monitoring-role --yes",
    );
    expect(custom.logGroupArn).toMatch(/:log-group:workmail-monitoring:\*$/);
    expect(custom.roleArn).toBe("arn:aws:iam::111122223333:role/workmail-monitoring-role");
    const region = await cli.run(
      "monitoring enable --log-group-arn arn:aws:logs:eu-west-1:111122223333:log-group:x:* --yes",
    );
    expect(region.code).toBe(2);
    expect(region.stderr).toContain("InvalidParameterException");
    const notArn = await cli.run("monitoring enable --log-group-arn workmail-monitoring --yes");
    expect(notArn.code).toBe(2);
    expect(notArn.stderr).toContain('--log-group-arn "workmail-monitoring" is not a log group ARN');
    expect((await cli.run("monitoring disable")).code).toBe(2);
    await cli.ok("monitoring disable --yes");
    expect((await cli.ok("monitoring show --fields enabled")).stdout).toBe("false\n");
  });
});

describe("wmctl availability", () => {
  let server: Server;
  let url: string;
  beforeEach(async () => {
    server = createServer((req, res) => {
      res
        .writeHead(
          req.headers.authorization === `Basic ${Buffer.from("svc@corp.example.com:Pa55word!").toString("base64")}`
            ? 200
            : 401,
        )
        .end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it("adds an EWS provider with the password from stdin, never shows it, and tests it", async () => {
    const created = await cli.run(
      `availability create corp.example.com --ews-url ${url} --ews-user svc@corp.example.com --password-stdin -o json`,
      { stdin: "Pa55word!\n" },
    );
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain("Pa55word");
    expect(JSON.parse(created.stdout)).toMatchObject({
      domain: "corp.example.com",
      provider: "EWS",
      endpoint: url,
      ewsUsername: "svc@corp.example.com",
    });
    const list = await cli.ok("availability list -o json");
    expect(list.stdout).not.toContain("Pa55word");
    expect((await cli.ok("availability test corp.example.com --fields passed")).stdout).toBe("true\n");
    const wrong = await cli.run(`availability test --ews-url ${url} --ews-user svc@corp.example.com --password-stdin`, {
      stdin: "nope",
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toContain("refused the credentials (HTTP 401)");
    expect(wrong.stderr).toContain("error: the availability provider test failed");
  });

  it("adds a Lambda provider, replaces a provider, and deletes with confirmation", async () => {
    const arn = "arn:aws:lambda:us-east-1:111122223333:function:cap";
    await cli.ok(`availability create gsuite.example.com --lambda-arn ${arn}`);
    expect((await cli.ok("availability test gsuite.example.com --fields provider,passed")).stdout).toBe(
      "LAMBDA\ttrue\n",
    );
    await cli.ok(
      `availability update gsuite.example.com --ews-url ${url} --ews-user svc@corp.example.com --password-stdin`,
      { stdin: "Pa55word!" },
    );
    expect((await cli.ok("availability list --fields domain,provider")).stdout).toBe("gsuite.example.com\tEWS\n");
    const dup = await cli.run(`availability create gsuite.example.com --lambda-arn ${arn}`);
    expect(dup.code).toBe(6);
    expect(dup.stderr).toContain("NameAvailabilityException");
    expect((await cli.run("availability delete gsuite.example.com")).code).toBe(2);
    await cli.ok("availability delete gsuite.example.com --yes");
    expect((await cli.ok("availability list")).stdout).toBe("");
    expect((await cli.run("availability delete gsuite.example.com --yes")).code).toBe(5);
  });

  it("needs exactly one provider, and no password flags on argv", async () => {
    expect((await cli.run("availability create x.example.com")).stderr).toContain("missing the provider");
    expect(
      (
        await cli.run(
          `availability create x.example.com --lambda-arn arn:aws:lambda:us-east-1:111122223333:function:f --ews-url ${url}`,
        )
      ).code,
    ).toBe(2);
    const noPassword = await cli.run(`availability create x.example.com --ews-url ${url} --ews-user a@b.c`);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("cannot prompt");
    expect(
      (
        await cli.run("availability create x.example.com --ews-url ftp://x/ --ews-user a --password-stdin", {
          stdin: "p",
        })
      ).code,
    ).toBe(2);
  });

  it("checks the provider flags under --dry-run too, without asking for the password", async () => {
    const missing = await cli.run("availability create x.example.com --dry-run");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing the provider");
    const both = await cli.run(
      `availability update x.example.com --lambda-arn arn:aws:lambda:us-east-1:111122223333:function:f --ews-url ${url} --dry-run`,
    );
    expect(both.code).toBe(2);
    expect(
      (await cli.run("availability create x.example.com --ews-url ftp://x/ --ews-user a --dry-run")).stderr,
    ).toContain("is not an http(s) URL");
    const plan = await cli.ok(
      `availability create X.example.com --ews-url ${url} --ews-user svc@corp.example.com --dry-run`,
    );
    expect(plan.stdout).toBe(
      `would CreateAvailabilityConfiguration x.example.com  provider=EWS endpoint=${url} ewsUsername=svc@corp.example.com\n`,
    );
    expect((await cli.ok("availability list")).stdout).toBe("");
  });

  it("names what is missing when test gets neither a domain nor provider flags", async () => {
    const r = await cli.run("availability test");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("give a domain with a saved provider, or the provider flags");
    expect(r.stderr).not.toContain("not both");
  });
});

describe("wmctl identity-center, idp, token", () => {
  const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";

  it("remembers the applications it creates, so the ARN idp set needs can be listed again (issue #11 item 16)", async () => {
    expect((await cli.ok("identity-center list", { tty: true })).stderr).toBe(
      "no Identity Center applications known\n",
    );
    const app = (
      await cli.ok(`identity-center create WorkMail --instance-arn ${INSTANCE} --fields applicationArn`)
    ).stdout.trim();
    expect((await cli.ok("identity-center list --fields name,applicationArn")).stdout).toBe(`WorkMail\t${app}\n`);
    expect((await cli.ok("identity-center describe --fields applicationArn")).stdout).toBe(`${app}\n`);
    await cli.ok(`idp set --instance-arn ${INSTANCE} --application-arn ${app} --mode idp-and-directory`);
    expect((await cli.ok("identity-center describe workmail --fields usedBy")).stdout).toBe("acme\n");
    expect((await cli.run("identity-center describe nope")).code).toBe(5);
    await cli.ok("idp delete --yes");
    await cli.ok(`identity-center delete ${app} --yes`);
    expect((await cli.ok("identity-center list")).stdout).toBe("");
  });

  it("connects Identity Center, lets a user create a token, lists and revokes it", async () => {
    const app = (
      await cli.ok(`identity-center create WorkMail --instance-arn ${INSTANCE} --fields applicationArn`)
    ).stdout.trim();
    expect(app).toMatch(/^arn:aws:sso::\d{12}:application\/ssoins-1234567890abcdef\/apl-[a-z0-9]{16}$/);
    expect((await cli.ok("idp show --fields configured")).stdout).toBe("false\n");
    const refused = await cli.run("local issue-token --user bob --name laptop");
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain("not ACTIVE");
    await cli.ok(
      `idp set --instance-arn ${INSTANCE} --application-arn ${app} --mode idp-and-directory --tokens active --token-lifetime-days 90`,
    );
    expect(await cli.json("idp show")).toMatchObject({
      configured: true,
      authenticationMode: "IDENTITY_PROVIDER_AND_DIRECTORY",
      personalAccessTokens: "ACTIVE",
      tokenLifetimeDays: 90,
    });
    const issued = await cli.json<{ id: string; token: string }>("local issue-token --user bob --name laptop");
    expect(issued.token).toMatch(/^wmpat_/);
    const list = await cli.ok("token list -o json");
    expect(list.stdout).not.toContain(issued.token);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        id: issued.id,
        user: "bob@acme.awsapps.com",
        name: "laptop",
        scopes: ["IMAP", "SMTP"],
      }),
    ]);
    expect((await cli.ok(`token describe ${issued.id} --fields name`)).stdout).toBe("laptop\n");
    expect((await cli.run(`token delete ${issued.id}`)).code).toBe(2);
    await cli.ok(`token delete ${issued.id} --yes`);
    expect((await cli.run(`token describe ${issued.id}`)).code).toBe(5);
    const inUse = await cli.run(`identity-center delete ${app} --yes`);
    expect(inUse.code).toBe(6);
    expect(inUse.stderr).toContain("OrganizationStateException");
    expect(inUse.stderr).toContain(
      "hint: remove that organization's identity provider configuration first: wmctl --org ORG idp delete",
    );
    await cli.ok("idp delete --yes");
    await cli.ok(`identity-center delete ${app} --yes`);
  });

  it("checks ARNs before calling", async () => {
    const r = await cli.run("identity-center create WorkMail --instance-arn arn:aws:sso:::instance/short");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not an Identity Center instance ARN");
    expect((await cli.run(`idp set --instance-arn ${INSTANCE} --application-arn x --mode bogus`)).code).toBe(2);
  });
});

describe("wmctl tag", () => {
  it("adds, lists and removes organization tags", async () => {
    expect((await cli.ok("tag add cost-center=1234 env=prod team=")).stdout).toBe(
      "cost-center\t1234\nenv\tprod\nteam\t\n",
    );
    expect(await cli.json("tag list")).toEqual([
      { key: "cost-center", value: "1234" },
      { key: "env", value: "prod" },
      { key: "team", value: "" },
    ]);
    expect((await cli.ok("tag remove env --dry-run")).stdout).toBe("would UntagResource env  value=prod\n");
    expect((await cli.run("tag remove env")).code).toBe(2);
    expect((await cli.ok("tag remove env team --yes")).stdout).toBe("cost-center\t1234\n");
  });

  it("refuses malformed pairs and reserved keys, and says when there would be more than 50 tags (exit 7)", async () => {
    expect((await cli.run("tag add novalue")).stderr).toContain('"novalue" is not key=value');
    expect((await cli.run("tag add aws:owner=me")).stderr).toContain("the aws: prefix is reserved");
    expect((await cli.run("tag add env=a team=b env=c")).stderr).toContain("the tag key env is given twice");
    const many = Array.from({ length: 48 }, (_, i) => `k${i}=v`);
    await cli.ok(["tag", "add", ...many]);
    const over = await cli.run(["tag", "add", "a=1", "b=2", "c=3"]);
    expect(over.code).toBe(7);
    expect(over.stderr).toContain(
      "TooManyTagsException: An organization can have at most 50 tags; this request would make 51.",
    );
  });
});
