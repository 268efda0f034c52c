import { describe, expect, it } from "vitest";
import { DomainMap } from "../../../src/inventory/domain-map.js";
import {
  domainNeeds,
  effectiveMap,
  sourceTestDomain,
  type TargetDomain,
  type TargetOrganization,
} from "../../../src/apply/target-domains.js";
import { sampleInventory } from "../inventory/fixtures.js";

function target(domains: Array<Partial<TargetDomain> & { name: string }>, listed = true): TargetOrganization {
  return {
    id: "m-ffffffffffffffffffffffffffffffff",
    alias: "rehearsal",
    defaultMailDomain: "rehearsal.awsapps.com",
    interoperabilityEnabled: false,
    domains: new Map(domains.map((d) => [d.name, { status: "VERIFIED", isTest: false, isDefault: false, ...d }])),
    domainsListed: listed,
    testDomain: "rehearsal.awsapps.com",
  };
}

describe("the domains a restore needs in the target", () => {
  const rehearsal = target([
    { name: "rehearsal.awsapps.com", isTest: true, isDefault: true },
    { name: "example.org", status: "PENDING" },
  ]);

  it("maps the source's test domain to the target's, and lets --map-domain override it", () => {
    const doc = sampleInventory();
    expect(sourceTestDomain(doc)).toBe("acme.awsapps.com");
    expect(effectiveMap(doc, DomainMap.none, rehearsal).entries()).toEqual([
      ["acme.awsapps.com", "rehearsal.awsapps.com"],
    ]);
    expect(
      effectiveMap(doc, DomainMap.parse(["acme.awsapps.com=example.org"]), rehearsal).domain("acme.awsapps.com"),
    ).toBe("example.org");
    delete doc.areas.domains; // domains were skipped at inventory time: the alias tells
    expect(sourceTestDomain(doc)).toBe("acme.awsapps.com");
  });

  it("counts the addresses per domain after mapping and says why a domain cannot carry them", () => {
    const doc = sampleInventory();
    const needs = domainNeeds(doc, effectiveMap(doc, DomainMap.none, rehearsal), rehearsal);
    expect(needs).toEqual([
      { domain: "example.com", addresses: 6, isDefault: true, problem: "not a domain of the target organization" },
      { domain: "rehearsal.awsapps.com", addresses: 1, isDefault: false, problem: undefined },
    ]);
  });

  it("is satisfied once example.com is mapped onto a verified domain; a pending one is named", () => {
    const doc = sampleInventory();
    const onTest = domainNeeds(
      doc,
      effectiveMap(doc, DomainMap.parse(["example.com=rehearsal.awsapps.com"]), rehearsal),
      rehearsal,
    );
    expect(onTest).toEqual([{ domain: "rehearsal.awsapps.com", addresses: 7, isDefault: true, problem: undefined }]);
    const onPending = domainNeeds(
      doc,
      effectiveMap(doc, DomainMap.parse(["example.com=example.org"]), rehearsal),
      rehearsal,
    );
    expect(onPending[0]).toEqual({
      domain: "example.org",
      addresses: 6,
      isDefault: true,
      problem: "PENDING in the target organization, not VERIFIED",
    });
  });

  it("without ListMailDomains, only the target's default domain is known to be verified", () => {
    const doc = sampleInventory();
    const unlisted = target([{ name: "rehearsal.awsapps.com", isTest: true, isDefault: true }], false);
    expect(domainNeeds(doc, effectiveMap(doc, DomainMap.none, unlisted), unlisted)[0]?.problem).toBe(
      "not known to be verified (this backend cannot list domains)",
    );
  });
});
