import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("user create bob --generate-password");
});
afterEach(() => cli.cleanup());

describe("errors say the rule in words and name wmctl's fix (issue #11 item 13)", () => {
  it.each([
    [
      ["user", "create", "Zoë", "--generate-password"],
      'error: ValidationException: "Zoë" is not a valid user or resource name: use letters (no accents), digits and . _ - only, at most 64\n',
    ],
    [
      ["org", "create", "Bad Alias"],
      'error: ValidationException: "Bad Alias" is not a valid organization alias: use letters (no accents) and digits, with single hyphens between them; no spaces, and not starting with d-\n',
    ],
    [
      ["alias", "add", "bob", "x@@"],
      'error: ValidationException: "x@@" is not a valid email address: write it as local@domain.tld, with letters (no accents), digits and . _ % + - before the @\n',
    ],
  ])("%j", async (argv, stderr) => {
    const r = await cli.run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(r.stderr).not.toContain("regular expression");
  });

  it("names the organization by alias and the wmctl command that fixes it", async () => {
    const r = await cli.run("local issue-token --user bob --name laptop");
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(
      /^error: OrganizationStateException: Personal access tokens are not ACTIVE in organization acme \(m-[0-9a-f]{32}\);/,
    );
    expect(r.stderr).toContain(
      "hint: turn personal access tokens on first: wmctl idp set --tokens active (see `wmctl idp show`)\n",
    );
  });
});
