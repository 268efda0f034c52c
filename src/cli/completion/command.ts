import type { Command } from "commander";
import { UsageError } from "../../errors/cli-error.js";
import type { AnySpec } from "../define-command.js";
import { HELP_TOPICS } from "../help-topics.js";
import { bashScript, zshScript } from "./bash.js";
import { fishScript } from "./fish.js";
import { buildModel } from "./model.js";

const SHELLS = ["bash", "zsh", "fish"] as const;

const INSTALL_HELP = `
Install (TAB then completes nouns, verbs, flags, their values and files, and the names of
users, groups, resources, domains and organizations from your last \`wmctl ... list\`):
  bash   source <(wmctl completion bash)            # in ~/.bashrc
         or: wmctl completion bash > ~/.local/share/bash-completion/completions/wmctl
  zsh    source <(wmctl completion zsh)             # in ~/.zshrc
  fish   wmctl completion fish > ~/.config/fish/completions/wmctl.fish
Regenerate the script after upgrading wmctl.
`;

/** The script for one shell, from every command's spec. */
function completionScript(shell: (typeof SHELLS)[number], program: Command, specs: readonly AnySpec[]): string {
  const version = program.version() ?? "";
  const model = buildModel(program, specs, [
    { name: "help", words: [...specs.map((s) => s.name), ...Object.keys(HELP_TOPICS)] },
    { name: "completion", words: SHELLS },
  ]);
  if (shell === "bash") return bashScript(model, version);
  if (shell === "zsh") return zshScript(model, version);
  return fishScript(model, version);
}

/** `wmctl completion bash|zsh|fish`: a built-in of the CLI layer, like `help`. */
export function attachCompletion(program: Command, loadSpecs: () => Promise<readonly AnySpec[]>): void {
  program
    .command("completion")
    .description("print a shell completion script: bash, zsh or fish")
    .argument("<shell>", SHELLS.join(", "))
    .addHelpText("after", INSTALL_HELP)
    .action(async (shell: string, _opts: unknown, command: Command) => {
      const known = SHELLS.find((s) => s === shell.toLowerCase());
      if (known === undefined)
        throw new UsageError(`no completion for shell "${shell}"`, `use one of: ${SHELLS.join(", ")}`);
      command.parent?.configureOutput().writeOut?.(completionScript(known, program, await loadSpecs()));
    });
}
