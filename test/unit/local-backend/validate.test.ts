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

describe("request validation: the AWS front end's answers, member by member", () => {
  const serializationOf = (op: string, input: unknown) => {
    const e = errorOf(op, input);
    expect(e?.name, JSON.stringify(input)).toBe("SerializationException");
    return e?.message;
  };
  const USER = { OrganizationId: ORG, Name: "alice", DisplayName: "Alice" };

  it("ignores an operation it does not know, and needs an object for one it does", () => {
    expect(errorOf("NoSuchOperation", "anything")).toBeUndefined();
    for (const input of [null, [], "x", 1]) {
      expect(serializationOf("CreateUser", input)).toBe("Start of structure or map found where not expected.");
    }
    expect(errorOf("ListOrganizations", {})).toBeUndefined();
  });

  it("accepts booleans for boolean members", () => {
    expect(errorOf("CreateUser", { ...USER, HiddenFromGlobalAddressList: true })).toBeUndefined();
    expect(
      errorOf("UpdateUser", { OrganizationId: ORG, UserId: "alice", HiddenFromGlobalAddressList: false }),
    ).toBeUndefined();
  });

  it("treats null as absent: a required member sent as null is missing, an optional one is fine", () => {
    expect(errorOf("CreateUser", { ...USER, DisplayName: null })?.message).toBe(
      "1 validation error detected: Value null at 'displayName' failed to satisfy constraint: Member must not be null",
    );
    expect(
      errorOf("CreateUser", { ...USER, Role: null, Password: null, HiddenFromGlobalAddressList: null }),
    ).toBeUndefined();
  });

  it("joins several violations with '; ' in member order", () => {
    expect(errorOf("CreateUser", { OrganizationId: ORG })?.message).toBe(
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'displayName' failed to satisfy constraint: Member must not be null",
    );
  });

  it("checks string lengths in characters at both ends, and shows at most 256 of them", () => {
    expect(errorOf("CreateUser", { ...USER, Name: "" })?.message).toBe(
      "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(errorOf("CreateUser", { ...USER, Name: "a".repeat(64) })).toBeUndefined();
    expect(errorOf("CreateUser", { ...USER, Name: "a".repeat(65) })?.message).toBe(
      `1 validation error detected: Value '${"a".repeat(65)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    // 255 characters of two UTF-16 units each are within the limit of 255.
    const rule = { OrganizationId: ORG, Name: "r", Effect: "ALLOW" };
    expect(errorOf("PutAccessControlRule", { ...rule, Description: "\u00e9".repeat(255) })).toBeUndefined();
    const long = "d".repeat(300);
    expect(errorOf("PutAccessControlRule", { ...rule, Description: long })?.message).toBe(
      `1 validation error detected: Value '${"d".repeat(256)}...' at 'description' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
    const exactly256 = "x".repeat(256);
    expect(errorOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: [`${exactly256}y`] })?.message).toContain(
      `Value '${exactly256}...' at 'deviceTypes.1.member'`,
    );
    expect(errorOf("CreateUser", { ...USER, Name: exactly256 })?.message).toContain(`Value '${exactly256}' at 'name'`);
  });

  it("checks number ranges at both ends, echoing the value", () => {
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: 1 })).toBeUndefined();
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: 100 })).toBeUndefined();
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: 0 })?.message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(errorOf("ListUsers", { OrganizationId: ORG, MaxResults: 101 })?.message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it("checks lists: their length, and each member at its 1-based place (nulls skipped)", () => {
    const rule = { OrganizationId: ORG, Name: "r", Effect: "ALLOW" };
    expect(errorOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: [] })?.message).toBe(
      "1 validation error detected: Value '[0 items]' at 'deviceTypes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(errorOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: Array(10).fill("iPhone") })).toBeUndefined();
    expect(errorOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: Array(11).fill("iPhone") })?.message).toBe(
      "1 validation error detected: Value '[11 items]' at 'deviceTypes' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    expect(errorOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: ["iPhone"] })).toBeUndefined();
    expect(
      errorOf("PutAccessControlRule", { ...rule, Description: "d", IpRanges: ["10.0.0.0/8", null, "10.0.0.0/33"] })
        ?.message,
    ).toBe(
      "1 validation error detected: Value '10.0.0.0/33' at 'ipRanges.3.member' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/([0-9]|[12][0-9]|3[0-2])$",
    );
  });

  it("answers each wrong JSON type with the deserializer's message", () => {
    const rule = { OrganizationId: ORG, Name: "r", Effect: "ALLOW" };
    expect(serializationOf("CreateUser", { ...USER, Name: 5 })).toBe(
      "class java.math.BigDecimal can not be converted to an String",
    );
    expect(serializationOf("CreateUser", { ...USER, Name: true })).toBe(
      "class java.lang.Boolean can not be converted to an String",
    );
    expect(serializationOf("CreateUser", { ...USER, Name: ["alice"] })).toBe("Start of list found where not expected");
    expect(serializationOf("CreateUser", { ...USER, Name: { first: "a" } })).toBe(
      "Start of structure or map found where not expected.",
    );
    expect(serializationOf("ListUsers", { OrganizationId: ORG, MaxResults: "10" })).toBe(
      "class java.lang.String can not be converted to an Integer",
    );
    expect(serializationOf("ListUsers", { OrganizationId: ORG, MaxResults: 1.5 })).toBe(
      "class java.math.BigDecimal can not be converted to an Integer",
    );
    expect(serializationOf("CreateUser", { ...USER, HiddenFromGlobalAddressList: "true" })).toBe(
      "'TRUE' can not be converted to an Boolean",
    );
    expect(serializationOf("CreateUser", { ...USER, HiddenFromGlobalAddressList: 1 })).toBe(
      "class java.math.BigDecimal can not be converted to an Boolean",
    );
    expect(serializationOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: "iPhone" })).toBe(
      "Expected list or null",
    );
    expect(serializationOf("CreateMobileDeviceAccessRule", { ...rule, DeviceTypes: { a: 1 } })).toBe(
      "Start of structure or map found where not expected.",
    );
    expect(serializationOf("ListUsers", { OrganizationId: ORG, Filters: "ENABLED" })).toBe("Expected null");
    expect(serializationOf("ListUsers", { OrganizationId: ORG, Filters: ["ENABLED"] })).toBe(
      "Start of list found where not expected",
    );
  });
});

// Shapes no WorkMail input uses today (long, double, float, timestamp, map), in a model of their own.
describe("request validation of the other shape types", () => {
  const other: ServiceModel = {
    metadata: {},
    operations: { Op: { name: "Op", input: { shape: "OpRequest" } } },
    shapes: {
      OpRequest: {
        type: "structure",
        members: {
          Size: { shape: "Size" },
          Ratio: { shape: "Ratio" },
          Weight: { shape: "Weight" },
          When: { shape: "When" },
          Tags: { shape: "Tags" },
          Blob: { shape: "Blob" },
          Loose: { shape: "Undeclared" },
        },
      },
      Size: { type: "long", min: 0 },
      Ratio: { type: "double", min: 0, max: 1 },
      Weight: { type: "float" },
      When: { type: "timestamp" },
      Tags: { type: "map", key: { shape: "TagKey" }, value: { shape: "TagValue" }, max: 2 },
      TagKey: { type: "string", min: 1, max: 3 },
      TagValue: { type: "string", max: 2 },
      Blob: { type: "blob" },
    },
  };
  const errorIn = (input: Record<string, unknown>) => {
    try {
      validateInput(other, "Op", input);
      return undefined;
    } catch (e) {
      return { name: (e as Error).name, message: (e as Error).message };
    }
  };

  it("accepts values of the right types within their bounds", () => {
    expect(
      errorIn({
        Size: 0,
        Ratio: 1,
        Weight: 2.5,
        When: new Date(0),
        Tags: { a: "1", abc: null },
        Blob: "Zm9v",
        Loose: { anything: true },
      }),
    ).toBeUndefined();
    expect(errorIn({ When: 1700000000 })).toBeUndefined();
  });

  it("checks long and double ranges", () => {
    expect(errorIn({ Size: -1 })?.message).toBe(
      "1 validation error detected: Value '-1' at 'size' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    expect(errorIn({ Ratio: 1.5 })?.message).toBe(
      "1 validation error detected: Value '1.5' at 'ratio' failed to satisfy constraint: Member must have value less than or equal to 1",
    );
  });

  it("answers the wrong JSON type for long, double, float and timestamp", () => {
    expect(errorIn({ Size: "1" })).toEqual({
      name: "SerializationException",
      message: "class java.lang.String can not be converted to an Long",
    });
    expect(errorIn({ Size: 1.5 })?.message).toBe("class java.math.BigDecimal can not be converted to an Long");
    expect(errorIn({ Ratio: "0.5" })?.message).toBe("class java.lang.String can not be converted to an Double");
    expect(errorIn({ Weight: true })?.message).toBe("class java.lang.Boolean can not be converted to an Double");
    expect(errorIn({ When: "2015-08-30" })?.message).toBe(
      "class java.lang.String can not be converted to an Timestamp",
    );
  });

  it("checks a map's size, and each key and value under its own name", () => {
    expect(errorIn({ Tags: { a: "1", b: "2", c: "3" } })?.message).toBe(
      "1 validation error detected: Value '{3 entries}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
    expect(errorIn({ Tags: { a: "1", b: "2" } })).toBeUndefined();
    expect(errorIn({ Tags: { abcd: "123" } })?.message).toBe(
      "2 validation errors detected: Value 'abcd' at 'tags.abcd.key' failed to satisfy constraint: Member must have length less than or equal to 3; " +
        "Value '123' at 'tags.abcd.value' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
    expect(errorIn({ Tags: ["a"] })?.message).toBe("Start of list found where not expected");
    expect(errorIn({ Tags: "a" })?.message).toBe("Expected map or null");
    expect(errorIn({ Tags: { a: 1 } })?.message).toBe("class java.math.BigDecimal can not be converted to an String");
  });
});
