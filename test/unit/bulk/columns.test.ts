import { describe, expect, it } from "vitest";
import { fieldValue, mapColumns, normalizeHeader, rowFields } from "../../../src/bulk/columns.js";
import { BULK_VERBS } from "../../../src/bulk/verbs.js";

const verb = (name: string) => {
  const v = BULK_VERBS.find((x) => x.name === name);
  if (v === undefined) throw new Error(name);
  return v;
};
const mapped = (headers: string[], name: string, maps: string[] = []) =>
  Object.fromEntries(mapColumns(headers, verb(name).fields, maps).byColumn);

describe("bulk column mapping", () => {
  it("normalizes headers: case, punctuation and Google's [Required] notes", () => {
    expect(normalizeHeader("First Name [Required]")).toBe("firstname");
    expect(normalizeHeader("Country/Region")).toBe("countryregion");
    expect(normalizeHeader("displayName")).toBe("displayname");
  });

  it("reads wmctl's own inventory users.csv as it is", () => {
    const headers = [
      "name",
      "email",
      "displayName",
      "firstName",
      "lastName",
      "jobTitle",
      "department",
      "role",
      "state",
      "hidden",
      "identityProviderUserId",
      "aliases",
      "id",
      "enabledDate",
      "disabledDate",
    ];
    const m = mapped(headers, "create");
    expect(m).toMatchObject({
      name: "name",
      email: "email",
      displayName: "displayName",
      jobTitle: "jobTitle",
      role: "role",
      state: "state",
      hidden: "hidden",
      aliases: "aliases",
    });
    expect(m.id).toBeUndefined();
  });

  it("reads the Microsoft 365 admin center user export (its State is the province, not the account's)", () => {
    const headers = [
      "Block credential",
      "City",
      "Country/Region",
      "Department",
      "Display name",
      "First name",
      "Last name",
      "Office",
      "Phone number",
      "Postal code",
      "Proxy addresses",
      "State",
      "Street address",
      "Title",
      "User principal name",
    ];
    expect(mapped(headers, "create")).toEqual({
      "Block credential": "blocked",
      City: "city",
      "Country/Region": "country",
      Department: "department",
      "Display name": "displayName",
      "First name": "firstName",
      "Last name": "lastName",
      Office: "office",
      "Phone number": "telephone",
      "Postal code": "zipCode",
      "Proxy addresses": "aliases",
      "Street address": "street",
      Title: "jobTitle",
      "User principal name": "email",
    });
  });

  it("reads Google Workspace's user CSV, and a row without a name takes the email's local part", () => {
    const headers = [
      "First Name [Required]",
      "Last Name [Required]",
      "Email Address [Required]",
      "Password [Required]",
      "Org Unit Path [Required]",
      "Employee Title",
      "Department",
      "Manager Email",
    ];
    const m = mapColumns(headers, verb("create").fields, []);
    expect(Object.fromEntries(m.byColumn)).toEqual({
      "First Name [Required]": "firstName",
      "Last Name [Required]": "lastName",
      "Email Address [Required]": "email",
      "Password [Required]": "password",
      "Employee Title": "jobTitle",
      Department: "department",
    });
    const { fields } = rowFields(
      { "Email Address [Required]": "ann.lee@example.com", "First Name [Required]": "Ann" },
      m,
      verb("create").fields,
    );
    expect(verb("create").key(fields)).toBe("ann.lee");
  });

  it("keys user verbs on the name column, else the address; offboard reads the manager", () => {
    expect(mapped(["name", "email"], "update")).toEqual({ name: "user", email: "email" });
    expect(mapped(["User principal name", "Manager Email"], "offboard")).toEqual({
      "User principal name": "user",
      "Manager Email": "manager",
    });
    expect(mapped(["group", "member", "memberType"], "add-member")).toEqual({ group: "group", member: "member" });
    expect(mapped(["mailbox", "mailboxType", "grantee", "granteeType", "permissions"], "grant")).toEqual({
      mailbox: "mailbox",
      grantee: "grantee",
      permissions: "permissions",
    });
    expect(mapped(["entity", "entityType", "primaryEmail", "alias"], "add-alias")).toEqual({
      entity: "entity",
      alias: "alias",
    });
  });

  it("--map wins, COLUMN= ignores a column, and mistakes are usage errors", () => {
    expect(mapped(["Login", "Mail"], "create", ["Login=name", "Mail="])).toEqual({ Login: "name" });
    expect(() => mapped(["a"], "create", ["b=name"])).toThrow(/no column "b"/);
    expect(() => mapped(["a"], "create", ["a=nosuch"])).toThrow(/no field "nosuch"/);
    expect(() => mapped(["a"], "create", ["a"])).toThrow(/COLUMN=FIELD/);
  });

  it("parses lists, booleans and Microsoft 365 proxy addresses", () => {
    expect(fieldValue("a; b,c|d", "list")).toEqual(["a", "b", "c", "d"]);
    expect(fieldValue("SMTP:ann@x.com+smtp:a.lee@x.com+SIP:ann@x.com+smtp:al@y.com", "list", true)).toEqual([
      "a.lee@x.com",
      "al@y.com",
    ]);
    expect(fieldValue("TRUE", "boolean")).toBe(true);
    expect(fieldValue("no", "boolean")).toBe(false);
    expect(fieldValue("", "boolean")).toBeUndefined();
    expect(fieldValue("maybe", "boolean")).toBeNull();
    expect(fieldValue(["x", "y"], "list")).toEqual(["x", "y"]);
    expect(fieldValue("  ", "string")).toBeUndefined();
  });
});

describe("bulk row validation", () => {
  const check = (name: string, values: Record<string, unknown>) => {
    const v = verb(name);
    const m = mapColumns(Object.keys(values), v.fields, []);
    const { fields, problems } = rowFields(values, m, v.fields);
    return [...problems, ...v.validate(fields)];
  };
  it("refuses what the service would refuse, before any call", () => {
    expect(check("create", { name: "a", password: "short" })).toEqual([
      "password: The password must be at least 8 characters long.",
    ]);
    expect(check("create", { name: "a", role: "admin" })).toEqual(['role "admin" is not USER or REMOTE_USER']);
    expect(check("create", { name: "a", quota: "60GB" })).toEqual([
      'quota "60GB" is not a size from 1 MB to 50 GB (500, 500MB, 2GB)',
    ]);
    expect(check("create", { name: "a", hidden: "perhaps" })).toEqual(['hidden: "perhaps" is not true or false']);
    expect(check("create", { name: "a", state: "DISABLED", aliases: "x" })).toEqual([
      "aliases need an enabled user, but the row is disabled",
    ]);
    expect(check("create", { displayName: "no name" })).toEqual(["no name (and no email to take it from)"]);
    expect(check("grant", { mailbox: "a", grantee: "b", permissions: "FULL_ACCESS;READ" })).toEqual([
      'permission "READ" is not one of FULL_ACCESS, SEND_AS, SEND_ON_BEHALF',
    ]);
    expect(check("create-resource", { name: "r", type: "car" })).toEqual(['type "car" is not ROOM or EQUIPMENT']);
    expect(check("create", { name: "a", password: "Passw0rd!", quota: "2GB", role: "user" })).toEqual([]);
  });
});
