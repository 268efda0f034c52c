import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServedProcess } from "../helpers/serve-process.js";
import { spawnCli } from "../helpers/spawn-cli.js";

// `wmctl apply` through the built binary and the real AWS SDK, against a spawned `wmctl local
// serve`: YAML on stdin, the plan, --detailed-exitcode, apply, prune, and a second plan that is empty.
const serverHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-apply-served-"));
const clientHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-apply-client-"));
let served: ServedProcess;
let env: Record<string, string>;

beforeAll(async () => {
  served = await startServe({ WMCTL_HOME: serverHome });
  const keys = JSON.parse(
    (await spawnCli(["local", "credentials", "-o", "json"], { env: { WMCTL_HOME: serverHome } })).stdout,
  ) as { accessKeyId: string; secretAccessKey: string; region: string };
  env = {
    WMCTL_HOME: clientHome,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: keys.region,
    AWS_CONFIG_FILE: join(clientHome, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "aws-credentials"),
  };
}, 30_000);

afterAll(async () => {
  if (served.child.exitCode === null) await served.stop();
  rmSync(serverHome, { recursive: true, force: true });
  rmSync(clientHome, { recursive: true, force: true });
});

const wmctl = (args: readonly string[], stdin?: string) =>
  spawnCli(["--endpoint-url", served.endpoint, "--org", "acme", ...args], {
    env,
    ...(stdin === undefined ? {} : { stdin }),
  });

const DOC = `# acme, as it should be
users:
  - name: bob
    email: bob@acme.awsapps.com
    displayName: Bob Builder
    aliases: [bobby@acme.awsapps.com]
  - name: carol
    email: carol@acme.awsapps.com
groups:
  - name: sales
    email: sales@acme.awsapps.com
    members: [bob, carol]
`;

describe("wmctl apply against the served simulator", () => {
  it("plans, applies, prunes, and then has nothing to do", async () => {
    const created = await spawnCli(["--endpoint-url", served.endpoint, "org", "create", "acme", "--wait"], { env });
    expect(created.code, created.stderr).toBe(0);
    expect((await wmctl(["user", "create", "zoe", "--generate-password"])).code).toBe(0);

    const plan = await wmctl(["apply", "-f", "-", "--plan", "--detailed-exitcode"], DOC);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toBe(
      [
        "create\tusers\tbob\tenabled as bob@acme.awsapps.com",
        "create\tusers\tcarol\tenabled as carol@acme.awsapps.com",
        "create\tgroups\tsales\tenabled as sales@acme.awsapps.com",
        "create\tgroup-members\tsales <- bob\tAssociateMemberToGroup",
        "create\tgroup-members\tsales <- carol\tAssociateMemberToGroup",
        "create\taliases\tbob bobby@acme.awsapps.com\tCreateAlias",
        "",
      ].join("\n"),
    );
    expect(plan.stderr).toContain("1 thing is in acme and not in the document; --prune would delete:\n  - users zoe\n");
    expect(plan.stderr).toContain("error: acme differs from the document: 6 changes\n");

    const applied = await wmctl(["apply", "-f", "-", "--prune", "--yes"], DOC);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("✓ Applied: 6 created, 0 updated, 1 deleted\n");
    const users = JSON.parse((await wmctl(["user", "list", "-o", "json"])).stdout) as Array<{
      name: string;
      email?: string;
    }>;
    expect(users.map((u) => `${u.name}:${u.email ?? ""}`).sort()).toEqual([
      "bob:bob@acme.awsapps.com",
      "carol:carol@acme.awsapps.com",
    ]);

    const again = await wmctl(["apply", "-f", "-", "--plan", "--prune", "--detailed-exitcode"], DOC);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe("No changes: acme matches the document\n");

    const invalid = await wmctl(["apply", "-f", "-"], DOC.replace("carol@acme.awsapps.com", "carol@"));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe('error: stdin: users[1].email: "carol@" is not an email address\n');
  }, 60_000);
});
