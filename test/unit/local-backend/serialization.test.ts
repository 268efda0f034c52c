import { beforeAll, describe, expect, it } from "vitest";
import { loadServiceModel, type ServiceModel } from "../../../src/local-backend/model/service-model.js";
import { validateInput } from "../../../src/local-backend/model/validate.js";

let model: ServiceModel;
beforeAll(async () => {
  model = await loadServiceModel();
});

const ORG = "m-0123456789abcdef0123456789abcdef";

function messageOf(op: string, input: unknown): string | undefined {
  try {
    validateInput(model, op, input);
    return undefined;
  } catch (e) {
    expect((e as Error).name).toBe("SerializationException");
    return (e as Error).message;
  }
}

describe("members of the wrong JSON type", () => {
  it("are answered with the AWS JSON front end's deserializer messages", () => {
    expect(messageOf("ListUsers", { OrganizationId: ORG, MaxResults: "10" })).toBe(
      "class java.lang.String can not be converted to an Integer",
    );
    expect(messageOf("ListUsers", { OrganizationId: 42 })).toBe(
      "class java.math.BigDecimal can not be converted to an String",
    );
    expect(messageOf("ListUsers", { OrganizationId: true })).toBe(
      "class java.lang.Boolean can not be converted to an String",
    );
    expect(messageOf("ListUsers", { OrganizationId: ORG, Filters: [] })).toBe("Start of list found where not expected");
    expect(messageOf("ListUsers", { OrganizationId: ORG, Filters: "x" })).toBe("Expected null");
    expect(
      messageOf("CreateUser", { OrganizationId: ORG, Name: "a", DisplayName: "A", HiddenFromGlobalAddressList: "yes" }),
    ).toBe("'YES' can not be converted to an Boolean");
    expect(messageOf("CreateOrganization", { Alias: "acme", Domains: { DomainName: "x" } })).toBe(
      "Start of structure or map found where not expected.",
    );
    expect(messageOf("CreateOrganization", { Alias: "acme", Domains: "x" })).toBe("Expected list or null");
  });
});
