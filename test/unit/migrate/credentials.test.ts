import { describe, expect, it } from "vitest";
import { credentialsFor, runTokenCommand } from "../../../src/migrate/credentials.js";

const env = { PATH: process.env.PATH };

describe("credentials of a login", () => {
  it("runs --token-command per login with WMCTL_MIGRATE_USER set and uses its trimmed stdout as the XOAUTH2 token", async () => {
    const auth = await credentialsFor("alice@new.example", undefined, {
      kind: "token-command",
      command: 'printf "tok-%s\\n" "$WMCTL_MIGRATE_USER"',
      env,
    });
    expect(auth).toEqual({ user: "alice@new.example", accessToken: "tok-alice@new.example" });
  });

  it("reports a failing token command without showing its stderr (it may hold secrets)", async () => {
    const run = runTokenCommand('echo "client_secret=hunter2" >&2; exit 3', "bob", env);
    await expect(run).rejects.toThrow(/--token-command for bob exited 3 \(1 line on its stderr, not shown\)/);
    await expect(runTokenCommand('echo "client_secret=hunter2" >&2; exit 3', "bob", env)).rejects.not.toThrow(
      /hunter2/,
    );
    await expect(runTokenCommand("true", "bob", env)).rejects.toThrow(/printed no token/);
  });

  it("prefers the map's per-user password, else the shared one, and names the missing options otherwise", async () => {
    expect(await credentialsFor("a", "from-map", { kind: "password", password: "shared" })).toEqual({
      user: "a",
      pass: "from-map",
    });
    expect(await credentialsFor("a", undefined, { kind: "password", password: "shared" })).toEqual({
      user: "a",
      pass: "shared",
    });
    await expect(credentialsFor("a", undefined, { kind: "password", password: undefined })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("--password-stdin"),
    });
  });
});
