import { readFile } from "node:fs/promises";
import type { ImpersonationRule } from "@aws-sdk/client-workmail";
import type { CommandContext } from "../../context/context.js";
import { userIds } from "../../context/entity-labels.js";
import { readAll } from "../../io/iostreams.js";
import { UsageError } from "../../errors/cli-error.js";

/** The flags that build a role's rules (create, update). */
export const RULE_OPTIONS = {
  allowAll: { kind: "boolean", describe: "Add a rule that allows impersonating every user" },
  allow: { kind: "list", placeholder: "user", describe: "Add a rule that allows impersonating these users" },
  allowExcept: {
    kind: "list",
    placeholder: "user",
    describe: "Add a rule that allows impersonating everyone but these users",
  },
  deny: { kind: "list", placeholder: "user", describe: "Add a rule that denies impersonating these users" },
  denyExcept: {
    kind: "list",
    placeholder: "user",
    describe: "Add a rule that denies impersonating everyone but these users",
  },
  rulesFile: {
    kind: "string",
    placeholder: "file",
    describe: "Rules as JSON (the `rules` of `describe -o json`; - for stdin)",
  },
} as const;

export interface RuleFlags {
  allowAll: boolean;
  allow: string[];
  allowExcept: string[];
  deny: string[];
  denyExcept: string[];
  rulesFile?: string | undefined;
}

export const RULES_HELP =
  "Rules decide which users the role may impersonate: a matching DENY rule wins, otherwise a matching\n" +
  "ALLOW rule allows; a role without rules impersonates nobody. Users are names or email addresses.\n" +
  'A rules file holds [{"name", "description"?, "effect": "ALLOW"|"DENY", "targetUsers"?, "notTargetUsers"?}].';

interface FileRule {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  effect?: unknown;
  targetUsers?: unknown;
  notTargetUsers?: unknown;
}

const slug = (s: string) =>
  s
    .replace(/[^a-zA-Z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

function anyRuleFlag(f: RuleFlags): boolean {
  return (
    f.allowAll ||
    f.allow.length + f.allowExcept.length + f.deny.length + f.denyExcept.length > 0 ||
    f.rulesFile !== undefined
  );
}

/** The API rules the flags describe, target users resolved to ids; undefined when no rule flag was given. */
export async function buildRules(ctx: CommandContext, f: RuleFlags): Promise<ImpersonationRule[] | undefined> {
  if (!anyRuleFlag(f)) return undefined;
  const ids = (refs: readonly string[]) => userIds(ctx.resolve, refs);
  const rules: ImpersonationRule[] = [];
  if (f.rulesFile !== undefined) {
    for (const r of await readRulesFile(ctx, f.rulesFile)) {
      rules.push({
        ...r,
        ...(r.TargetUsers ? { TargetUsers: await ids(r.TargetUsers) } : {}),
        ...(r.NotTargetUsers ? { NotTargetUsers: await ids(r.NotTargetUsers) } : {}),
      });
    }
  }
  if (f.allowAll) rules.push({ ImpersonationRuleId: "allow-all", Name: "allow-all", Effect: "ALLOW" });
  if (f.allow.length)
    rules.push({
      ImpersonationRuleId: "allow-users",
      Name: "allow-users",
      Effect: "ALLOW",
      TargetUsers: await ids(f.allow),
    });
  if (f.allowExcept.length)
    rules.push({
      ImpersonationRuleId: "allow-all-except",
      Name: "allow-all-except",
      Effect: "ALLOW",
      NotTargetUsers: await ids(f.allowExcept),
    });
  if (f.deny.length)
    rules.push({
      ImpersonationRuleId: "deny-users",
      Name: "deny-users",
      Effect: "DENY",
      TargetUsers: await ids(f.deny),
    });
  if (f.denyExcept.length)
    rules.push({
      ImpersonationRuleId: "deny-all-except",
      Name: "deny-all-except",
      Effect: "DENY",
      NotTargetUsers: await ids(f.denyExcept),
    });
  return rules;
}

async function readRulesFile(ctx: CommandContext, file: string): Promise<ImpersonationRule[]> {
  let text: string;
  try {
    text = file === "-" ? await readAll(ctx.io.stdin) : await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `--rules-file: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--rules-file: ${file} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--rules-file: ${file} must hold a JSON array of rules`);
  return parsed.map((raw: FileRule, i) => {
    const where = `--rules-file: rule ${i + 1} of ${file}`;
    if (raw === null || typeof raw !== "object") throw new UsageError(`${where} is not an object`);
    const effect = typeof raw.effect === "string" ? raw.effect.toUpperCase() : undefined;
    if (effect !== "ALLOW" && effect !== "DENY") throw new UsageError(`${where} needs "effect": "ALLOW" or "DENY"`);
    const users = (v: unknown, key: string) => {
      if (v === undefined || v === null) return undefined;
      if (!Array.isArray(v) || v.some((u) => typeof u !== "string"))
        throw new UsageError(`${where}: "${key}" must be a list of user names or emails`);
      return v.length === 0 ? undefined : (v as string[]);
    };
    const name = typeof raw.name === "string" && raw.name !== "" ? raw.name : undefined;
    const id = typeof raw.id === "string" && raw.id !== "" ? raw.id : slug(name ?? "") || `rule-${i + 1}`;
    const targetUsers = users(raw.targetUsers, "targetUsers");
    const notTargetUsers = users(raw.notTargetUsers, "notTargetUsers");
    return {
      ImpersonationRuleId: id,
      ...(name === undefined ? {} : { Name: name }),
      ...(typeof raw.description === "string" && raw.description !== "" ? { Description: raw.description } : {}),
      Effect: effect,
      ...(targetUsers === undefined ? {} : { TargetUsers: targetUsers }),
      ...(notTargetUsers === undefined ? {} : { NotTargetUsers: notTargetUsers }),
    };
  });
}
