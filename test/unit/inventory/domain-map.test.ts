import { describe, expect, it } from "vitest";
import { DomainMap } from "../../../src/inventory/domain-map.js";
import { UsageError } from "../../../src/errors/cli-error.js";

describe("DomainMap (--map-domain OLD=NEW)", () => {
  const map = DomainMap.parse(["Example.com=rehearsal.awsapps.com", "example.org.=example.net"]);

  it("rewrites whole domains and addresses on them, lower-case, and nothing else", () => {
    expect(map.domain("example.com")).toBe("rehearsal.awsapps.com");
    expect(map.domain("EXAMPLE.ORG")).toBe("example.net");
    expect(map.domain("mail.example.com")).toBe("mail.example.com");
    expect(map.address("Bob.Smith@Example.COM")).toBe("bob.smith@rehearsal.awsapps.com");
    expect(map.address("bob@mail.example.com")).toBe("bob@mail.example.com");
    expect(map.address("bob@example.community")).toBe("bob@example.community");
    expect(map.address("not-an-address")).toBe("not-an-address");
  });

  it("rewrites every string of a JSON value that is a mapped domain or an address on one", () => {
    const data = {
      rules: [{ users: ["a@example.com", "b@other.com"], domain: "example.org", note: "example.com is ours" }],
      n: 3,
      ok: true,
      none: null,
    };
    expect(map.deep(data)).toEqual({
      rules: [
        { users: ["a@rehearsal.awsapps.com", "b@other.com"], domain: "example.net", note: "example.com is ours" },
      ],
      n: 3,
      ok: true,
      none: null,
    });
    expect(data.rules[0]?.users[0]).toBe("a@example.com"); // the input is not changed
  });

  it("adds the test-domain mapping unless the admin mapped that domain already", () => {
    expect(DomainMap.none.withDefault("acme.awsapps.com", "rehearsal.awsapps.com").entries()).toEqual([
      ["acme.awsapps.com", "rehearsal.awsapps.com"],
    ]);
    const explicit = DomainMap.parse(["acme.awsapps.com=example.net"]);
    expect(explicit.withDefault("acme.awsapps.com", "rehearsal.awsapps.com").domain("acme.awsapps.com")).toBe(
      "example.net",
    );
    expect(DomainMap.none.withDefault("acme.awsapps.com", "acme.awsapps.com").size).toBe(0);
  });

  it.each([
    ["example.com", "is not OLD=NEW"],
    ["=example.com", "is not OLD=NEW"],
    ["example.com=", "is not OLD=NEW"],
    ["exa mple.com=x.com", '"exa mple.com" is not a domain name'],
    ["example.com=localhost", '"localhost" is not a domain name'],
  ])("refuses %s", (spec, message) => {
    expect(() => DomainMap.parse([spec])).toThrow(UsageError);
    expect(() => DomainMap.parse([spec])).toThrow(message);
  });

  it("refuses one domain mapped to two others, accepts the same mapping twice", () => {
    expect(() => DomainMap.parse(["a.com=b.com", "A.com=c.com"])).toThrow(
      "--map-domain maps a.com twice (to b.com and to c.com)",
    );
    expect(DomainMap.parse(["a.com=b.com", "a.com=b.com"]).size).toBe(1);
  });
});
