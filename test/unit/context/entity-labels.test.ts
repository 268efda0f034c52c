import { describe, expect, it } from "vitest";
import { entityLabel, entityLabels } from "../../../src/context/entity-labels.js";
import type { EntityResolver, ResolvedEntity } from "../../../src/context/entity-resolver.js";
import { CliError, NotFoundError } from "../../../src/errors/cli-error.js";

/** A resolver that knows bob (with an address) and carol (without one), and fails otherwise as told. */
function resolver(otherwise: (id: string) => Error): EntityResolver {
  const known: Record<string, ResolvedEntity> = {
    "u-bob": { id: "u-bob", type: "USER", name: "bob", email: "bob@example.com", state: "ENABLED" },
    "u-carol": { id: "u-carol", type: "USER", name: "carol", email: undefined, state: "DISABLED" },
  };
  return {
    entity: async (id: string) => {
      const hit = known[id];
      if (hit === undefined) throw otherwise(id);
      return hit;
    },
  } as unknown as EntityResolver;
}

describe("how a command shows an entity it knows by id", () => {
  it("shows the address, else the name, else the id of an entity that is gone", async () => {
    const r = resolver((id) => new NotFoundError(`no user "${id}"`));
    expect(await entityLabels(r, ["u-bob", "u-carol", "u-gone"])).toEqual(["bob@example.com", "carol", "u-gone"]);
    expect(await entityLabels(r, [])).toBeUndefined();
  });

  it("lets any other failure through", async () => {
    await expect(
      entityLabel(
        resolver(() => new CliError("the service is down")),
        "u-gone",
      ),
    ).rejects.toThrow("the service is down");
  });
});
