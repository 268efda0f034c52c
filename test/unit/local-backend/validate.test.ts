import { describe, expect, it, beforeAll } from "vitest";
import { loadServiceModel, type ServiceModel } from "../../../src/local-backend/model/service-model.js";
import { validateInput } from "../../../src/local-backend/model/validate.js";

let model: ServiceModel;
beforeAll(async () => {
  model = await loadServiceModel();
});

function errorOf(op: string, input: unknown): { name: string; message: string } | undefined {
  try {
    validateInput(model, op, input);
    return undefined;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
}

const ORG = "m-0123456789abcdef0123456789abcdef";

describe("request validation from the service model", () => {
  it("compiles every pattern of the model as a JavaScript regular expression", () => {
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (shape.pattern !== undefined) expect(() => new RegExp(`^(?:${shape.pattern})$`, "u"), name).not.toThrow();
    }
  });

  it("accepts a valid request", () => {
    expect(errorOf("CreateUser", { OrganizationId: ORG, Name: "alice", DisplayName: "Alice" })).toBeUndefined();
  });

  it("reports a missing required member as AWS does", () => {
    expect(errorOf("CreateUser", { OrganizationId: ORG, Name: "alice" })).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value null at 'displayName' failed to satisfy constraint: Member must not be null",
    });
  });

  it("reports patterns, lengths and enums, counting every violation", () => {
    const e = errorOf("CreateUser", { OrganizationId: "m-nothex", Name: "bad name!", DisplayName: "x", Role: "ADMIN" });
    expect(e?.name).toBe("ValidationException");
    expect(e?.message).toMatch(/^3 validation errors detected: /);
    expect(e?.message).toContain(
      "Value 'm-nothex' at 'organizationId' failed to satisfy constraint: Member must have length greater than or equal to 34",
    );
    expect(e?.message).toContain(
      "Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    expect(e?.message).toContain(
      "Value 'ADMIN' at 'role' failed to satisfy constraint: Member must satisfy enum value set: [USER, RESOURCE, SYSTEM_USER, REMOTE_USER]",
    );
  });

  it("never echoes a sensitive value", () => {
    const e = errorOf("CreateUser", {
      OrganizationId: ORG,
      Name: "alice",
      DisplayName: "A",
      Password: "pässwörd\u4e00",
    });
    expect(e?.message).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\u00FF]+",
    );
  });

  it("checks nested members and number ranges", () => {
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: 101 })?.message).toContain(
      "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    expect(errorOf("ListUsers", { OrganizationId: ORG, Filters: { State: "GONE" } })?.message).toContain(
      "at 'filters.state'",
    );
  });

  it("answers a member of the wrong JSON type with SerializationException", () => {
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: "10" })?.name).toBe("SerializationException");
  });
});
