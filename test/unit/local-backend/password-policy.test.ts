import { describe, expect, it } from "vitest";
import { randomBytes, scryptSync } from "node:crypto";
import {
  hashPassword,
  hashPasswordAsync,
  passwordProblem,
  verifyPassword,
} from "../../../src/local-backend/operations/entities.js";
import { generatePassword } from "../../../src/context/secrets.js";

// The WorkMail directory's policy (guide: "Troubleshooting Amazon WorkMail password policies"):
// non-empty, at least eight characters, less than 64, Basic Latin or Latin-1 Supplement only, and
// characters from three of five groups: upper case, lower case, digits, special, Latin-1 letters.
describe("the WorkMail directory password policy", () => {
  it.each([
    ["Passw0rd", "upper + lower + digit, 8 characters"],
    ["passw0rd!", "lower + digit + special"],
    ["PASSWORD1!", "upper + digit + special"],
    ["pässwörd1", "lower + Latin-1 letter + digit"],
    ["ÄÖÜäöüß1x", "Latin-1 letters + digit + lower: Latin-1 letters are their own group"],
    ["pass word1", "a space counts as a special character"],
    ["Aa1" + "x".repeat(60), "63 characters"],
  ])("accepts %j (%s)", (pw) => {
    expect(passwordProblem(pw)).toBeUndefined();
  });

  it.each([
    ["", "The password must not be empty."],
    ["Pa1!", "The password must be at least 8 characters long."],
    ["Passw0r", "The password must be at least 8 characters long."],
    ["Aa1" + "x".repeat(61), "The password must be shorter than 64 characters."],
    ["Passw0rd€", "The password may only contain Basic Latin and Latin-1 Supplement characters."],
    ["Pässwörd1Ω", "The password may only contain Basic Latin and Latin-1 Supplement characters."],
    ["password", "three of these groups"],
    ["password1", "three of these groups"],
    ["PASSWORD1", "three of these groups"],
    ["Password", "three of these groups"],
    ["12345678!", "three of these groups"],
    ["ÄÖÜäöüßxy", "three of these groups"],
  ])("rejects %j", (pw, problem) => {
    expect(passwordProblem(pw)).toContain(problem);
  });

  it("generates passwords that always meet the policy", () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword())).toBeUndefined();
  });

  it("stores a salted hash that verifies the password and nothing else", () => {
    const a = hashPassword("Passw0rd!");
    const b = hashPassword("Passw0rd!");
    expect(a).not.toBe(b);
    expect(a).not.toContain("Passw0rd!");
    expect(verifyPassword("Passw0rd!", a)).toBe(true);
    expect(verifyPassword("Passw0rd?", a)).toBe(false);
    expect(verifyPassword("Passw0rd!", null)).toBe(false);
  });

  it("hashes with scrypt at Node's defaults or stronger (N=16384, r=8, p=1), the parameters stored with the hash", async () => {
    const h = hashPassword("Passw0rd!");
    const [scheme, n, r, p] = h.split("$");
    expect([scheme, Number(n) >= 16384, r, p]).toEqual(["scrypt", true, "8", "1"]);
    expect(await hashPasswordAsync("Passw0rd!")).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it("keeps verifying hashes written with the older, cheaper parameters", () => {
    const salt = randomBytes(16);
    const old = `scrypt$256$${salt.toString("base64")}$${scryptSync("Passw0rd!", salt, 32, { N: 256, r: 8, p: 1 }).toString("base64")}`;
    expect(verifyPassword("Passw0rd!", old)).toBe(true);
    expect(verifyPassword("Passw0rd?", old)).toBe(false);
    expect(verifyPassword("Passw0rd!", "scrypt$99999999$8$1$AAAA$AAAA")).toBe(false);
    expect(verifyPassword("Passw0rd!", "md5$abc")).toBe(false);
  });
});
