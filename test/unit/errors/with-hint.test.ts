import { describe, expect, it } from "vitest";
import { SimulatedServiceError } from "../../../src/local-backend/errors.js";
import { toCliError } from "../../../src/errors/to-cli-error.js";
import { withHints } from "../../../src/errors/with-hint.js";

describe("withHints", () => {
  it("adds a hint to the named service error, kept by toCliError with the service's exit code", async () => {
    const failing = Promise.reject(
      new SimulatedServiceError(
        "EntityStateException",
        "The user bob is ENABLED; disable (deregister) the user before deleting it.",
      ),
    );
    const e = await withHints(failing, { EntityStateException: "disable first: wmctl user disable bob" }).catch(
      (x: unknown) => x,
    );
    const cli = toCliError(e);
    expect(cli.message).toBe(
      "EntityStateException: The user bob is ENABLED; disable (deregister) the user before deleting it.",
    );
    expect(cli.hint).toBe("disable first: wmctl user disable bob");
    expect(cli.exitCode).toBe(6);
  });

  it("leaves other errors alone", async () => {
    const failing = Promise.reject(new SimulatedServiceError("EntityNotFoundException", "nope"));
    const e = await withHints(failing, { EntityStateException: "x" }).catch((x: unknown) => x);
    expect(toCliError(e).hint).toBeUndefined();
    expect(toCliError(e).exitCode).toBe(5);
  });
});
