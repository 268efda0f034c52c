import { describe, expect, it } from "vitest";
import { globalValueFlags, loadSelected, selectedNames } from "../../../src/cli/command-tree.js";
import { lazyCommand } from "../../../src/cli/define-command.js";
import { COMMANDS } from "../../../src/commands/index.js";

const flags = globalValueFlags();

describe("which top-level commands argv loads", () => {
  it.each([
    [["user", "list"], ["user"]],
    [["--org", "user", "user", "list"], ["user"]],
    [["--org=acme", "-o", "json", "group", "members", "team"], ["group"]],
    [["--json", "--quiet", "org", "list"], ["org"]],
    [
      ["help", "user", "create"],
      ["help", "user"],
    ],
    [["--help"], []],
    [[], []],
    [["--", "user"], []],
  ])("%j -> %j", (argv, names) => {
    expect(selectedNames(argv, flags)).toEqual(names);
  });

  it("knows the global options that take a value", () => {
    expect([...flags].sort()).toEqual([
      "--backend",
      "--endpoint-url",
      "--fields",
      "--org",
      "--output",
      "--profile",
      "--region",
      "--sort",
      "-o",
    ]);
  });

  it("loads the named command (by name or alias) and leaves the rest lazy", async () => {
    let loaded = 0;
    const tree = [
      lazyCommand({ name: "user", aliases: ["users"], summary: "u" }, async () => {
        loaded++;
        return { kind: "group", name: "user", summary: "u", commands: [] };
      }),
      lazyCommand({ name: "group", summary: "g" }, async () => {
        throw new Error("must not load");
      }),
    ];
    const specs = await loadSelected(tree, ["users", "list"], flags);
    expect(loaded).toBe(1);
    expect(specs.map((s) => s.kind)).toEqual(["group", "lazy"]);
  });

  it("has one entry per top-level command whose summary matches the loaded spec", async () => {
    for (const lazy of COMMANDS) {
      const spec = await lazy.load();
      expect({ name: spec.name, summary: spec.summary, aliases: spec.aliases ?? [] }).toEqual({
        name: lazy.name,
        summary: lazy.summary,
        aliases: lazy.aliases ?? [],
      });
    }
  });
});
