import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkPasswordsFile, PasswordsJournal } from "../../../src/apply/passwords-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-pw-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the passwords journal", () => {
  it("writes nothing until the first password, then a 0600 CSV with one line per password, every one on disk when append resolves", async () => {
    const path = join(dir, "pw.csv");
    const j = new PasswordsJournal(path);
    await j.close();
    expect(() => statSync(path)).toThrow();

    const k = new PasswordsJournal(path);
    const names = Array.from({ length: 50 }, (_, i) => `user${i}`);
    await Promise.all(
      names.map(async (name) => {
        await k.append({ name, email: `${name}@example.com`, password: `P,"${name}"` });
        // On disk (and synced) before the caller goes on to create the user.
        expect(readFileSync(path, "utf8")).toContain(`${name},${name}@example.com,`);
      }),
    );
    await k.close();
    expect(k.count).toBe(50);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("name,email,password");
    expect(lines).toHaveLength(51);
    expect(lines).toContain('user7,user7@example.com,"P,""user7"""');
  });

  it("appends to a passwords file an earlier run wrote (tightening its mode), and refuses any other file", async () => {
    const path = join(dir, "pw.csv");
    writeFileSync(path, "name,email,password\nann,ann@example.com,x\n");
    chmodSync(path, 0o644);
    expect(await checkPasswordsFile(path)).toEqual({ exists: true });
    const j = new PasswordsJournal(path);
    await j.append({ name: "bob", email: undefined, password: "y" });
    await j.close();
    expect(readFileSync(path, "utf8")).toBe("name,email,password\nann,ann@example.com,x\nbob,,y\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const other = join(dir, "notes.txt");
    writeFileSync(other, "shopping list\n");
    await expect(checkPasswordsFile(other)).rejects.toThrow(`--passwords-out ${other} already exists`);
    await expect(checkPasswordsFile(join(dir, "missing", "pw.csv"))).rejects.toThrow("does not exist");
    expect(await checkPasswordsFile(join(dir, "new.csv"))).toEqual({ exists: false });
  });
});
