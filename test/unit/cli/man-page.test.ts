import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAN_PAGE_PATH, renderManPage } from "../../../src/cli/man-page.js";

describe("man/wmctl.1", () => {
  it("is up to date with the command specs (regenerate with `npm run man`)", async () => {
    const committed = readFileSync(MAN_PAGE_PATH, "utf8");
    expect(committed, "man/wmctl.1 is stale: run `npm run man` and commit it").toBe(await renderManPage());
  });

  it("documents every command, the exit codes and the environment", async () => {
    const page = await renderManPage();
    expect(page).toContain('.SS "wmctl org create <alias> [options]"');
    expect(page).toContain(".SH EXIT STATUS");
    expect(page).toContain("WMCTL_HOME");
  });
});
