import { describe, expect, it } from "vitest";
import type { ServiceModel } from "../../../../src/local-backend/model/service-model.js";
import { decodeControl, encodeControl } from "../../../../src/local-backend/http/control-codec.js";
import { createInputReviver, errorBody, toWireJson } from "../../../../src/local-backend/http/wire-codec.js";

describe("awsJson1_1 bodies", () => {
  it("writes Dates as epoch seconds (milliseconds as a fraction) and leaves out null and undefined members", () => {
    const out = toWireJson({ A: new Date(1_700_000_000_500), B: undefined, C: null, D: [{ E: new Date(0) }], F: "x" });
    expect(out).toBe('{"A":1700000000.5,"D":[{"E":0}],"F":"x"}');
  });

  it("reads epoch seconds of timestamp members as Dates, following the input shape", () => {
    const model = {
      metadata: {},
      operations: { Op: { name: "Op", input: { shape: "In" } }, Plain: { name: "Plain", input: { shape: "Other" } } },
      shapes: {
        In: { type: "structure", members: { When: { shape: "Ts" }, Items: { shape: "List" }, Name: { shape: "Str" } } },
        List: { type: "list", member: { shape: "Item" } },
        Item: { type: "structure", members: { At: { shape: "Ts" } } },
        Other: { type: "structure", members: { Name: { shape: "Str" } } },
        Ts: { type: "timestamp" },
        Str: { type: "string" },
      },
    } as unknown as ServiceModel;
    const revive = createInputReviver(model);
    const r = revive("Op", { When: 1700000000.5, Items: [{ At: 0 }], Name: "n" });
    expect(r).toEqual({ When: new Date(1_700_000_000_500), Items: [{ At: new Date(0) }], Name: "n" });
    const plain = { Name: "x" };
    expect(revive("Plain", plain)).toBe(plain);
  });

  it("names the message member as AWS does: Message for modelled exceptions, message for the front end's", () => {
    const modelled = new Set(["EntityNotFoundException"]);
    expect(errorBody("EntityNotFoundException", "gone", modelled)).toBe(
      '{"__type":"EntityNotFoundException","Message":"gone"}',
    );
    expect(errorBody("ThrottlingException", "Rate exceeded", modelled)).toBe(
      '{"__type":"ThrottlingException","message":"Rate exceeded"}',
    );
    expect(errorBody("UnknownOperationException", undefined, modelled)).toBe('{"__type":"UnknownOperationException"}');
  });

  it("carries Dates through the control route both ways", () => {
    const value = { now: new Date(5), list: [{ at: new Date(7) }], s: "2020-01-01T00:00:00.000Z" };
    expect(decodeControl(encodeControl(value))).toEqual(value);
  });
});
