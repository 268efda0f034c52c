// Shell completion: the cost of one TAB in bash, zsh (bashcompinit) and fish, with 10,000 cached
// user names (node bench/completion.mjs --users 10000 --tabs 200). Each shell sources the generated
// script once, then completes the same lines --tabs times in a loop; the figure is the mean per TAB.
// Target: never slower than 100 ms per TAB. No wmctl process runs per TAB.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, BIN, arg, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const users = arg("users", 10_000);
const tabs = arg("tabs", 200);
const home = tempHome("completion");
const { saveCompletionWords } = await import(join(ROOT, "dist", "context", "completion-cache.js"));
const words = [];
for (let i = 0; i < users; i++) words.push(`user${i}`, `user${i}@bench.example.com`);
saveCompletionWords({ WMCTL_HOME: home }, "users", words, true);
const env = { ...process.env, WMCTL_HOME: home };

const script = (shell) => {
  const file = join(home, `wmctl.${shell}`);
  writeFileSync(file, execFileSync(process.execPath, [BIN, "completion", shell], { env, encoding: "utf8" }));
  return file;
};

/** Lines completed, in bash's COMP_WORDS form. */
const LINES = [
  ["wmctl", "user", "describe", "user12"], // 10,000 cached names, filtered by a prefix
  ["wmctl", "user", "list", "--state", ""], // enum values
  ["wmctl", "users", "dis"], // verb through a noun alias
  ["wmctl", "--org", "x", "group", "add-member", "--"], // flags
];

function shellLoop(shell, file) {
  const calls = LINES.map(
    (w) => `COMP_WORDS=(${w.map((x) => `'${x}'`).join(" ")}); COMP_CWORD=${w.length - 1}; _wmctl`,
  ).join("\n    ");
  const body = `source ${file}
  start=$EPOCHREALTIME
  for ((n = 0; n < ${tabs}; n++)); do
    ${calls}
  done
  echo $start $EPOCHREALTIME`;
  const args =
    shell === "bash" ? ["--norc", "--noprofile", "-c", body] : ["-f", "-c", `zmodload zsh/datetime; ${body}`];
  const [a, b] = execFileSync(shell, args, { env, encoding: "utf8" }).trim().split(/\s+/).map(Number);
  return ((b - a) * 1000) / (tabs * LINES.length);
}

function fishLoop(file) {
  const lines = LINES.map((w) => w.join(" ").trimEnd() + (w.at(-1) === "" ? " " : ""));
  const body = `source ${file}
set -l start (date +%s%N)
for n in (seq ${tabs})
  ${lines.map((l) => `complete -C ${JSON.stringify(l)} >/dev/null`).join("\n  ")}
end
echo $start (date +%s%N)`;
  const [a, b] = execFileSync("fish", ["--no-config", "-c", body], { env, encoding: "utf8" })
    .trim()
    .split(/\s+/)
    .map(Number);
  return (b - a) / 1e6 / (tabs * LINES.length);
}

console.log(
  `completion: mean time per TAB over ${tabs} x ${LINES.length} lines, ${users.toLocaleString("en")} cached users`,
);
for (const shell of ["bash", "zsh", "fish"]) {
  try {
    execFileSync("which", [shell], { stdio: "ignore" });
  } catch {
    console.log(`  ${shell.padEnd(5)} not installed`);
    continue;
  }
  const file = script(shell);
  const ms = shell === "fish" ? fishLoop(file) : shellLoop(shell, file);
  console.log(`  ${shell.padEnd(5)} ${ms.toFixed(2).padStart(7)} ms per TAB`);
}
