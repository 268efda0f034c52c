import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError, UsageError } from "../errors/cli-error.js";
import { configSchema, DEFAULT_PROFILE, PROFILE_NAME_PATTERN, type ConfigFile, type Profile } from "./profile.js";

const CONFIG_FILE_NAME = "config.json";

/**
 * wmctl's profiles. Reading is a plain JSON read (fast: most commands only read); writing goes
 * through conf (schema validation, atomic write, file mode 0600), which is loaded only then.
 */
export class ConfigStore {
  private cached: ConfigFile | undefined;

  constructor(readonly dir: string) {}

  get path(): string {
    return join(this.dir, CONFIG_FILE_NAME);
  }

  read(): ConfigFile {
    if (this.cached) return this.cached;
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT")
        return (this.cached = { currentProfile: DEFAULT_PROFILE, profiles: {} });
      throw new CliError(`cannot read ${this.path}: ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${this.path} is not valid JSON (${(e as Error).message})`, {
        hint: "fix or remove the file; `wmctl config list` shows the profiles once it parses",
      });
    }
    if (typeof parsed !== "object" || parsed === null) throw new CliError(`${this.path} does not hold a JSON object`);
    const obj = parsed as Partial<ConfigFile>;
    this.cached = {
      currentProfile: typeof obj.currentProfile === "string" ? obj.currentProfile : DEFAULT_PROFILE,
      profiles: typeof obj.profiles === "object" && obj.profiles !== null ? obj.profiles : {},
    };
    return this.cached;
  }

  profile(name: string): Profile | undefined {
    return this.read().profiles[name];
  }

  /** Sets keys of a profile (creating it); `undefined` removes a key. */
  setProfile(name: string, patch: Partial<Profile>): Promise<ConfigFile> {
    return this.update((file) => {
      const profile = (file.profiles[name] ??= {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete profile[key];
        else profile[key] = value;
      }
    });
  }

  /** Applies `change` to the file through conf; a schema violation becomes a usage error. */
  async update(change: (file: ConfigFile) => void): Promise<ConfigFile> {
    const { default: Conf } = await import("conf");
    let conf: InstanceType<typeof Conf<ConfigFile>>;
    try {
      conf = new Conf<ConfigFile>({
        cwd: this.dir,
        configName: "config",
        projectSuffix: "",
        configFileMode: 0o600,
        schema: configSchema() as never,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
      });
    } catch (e) {
      throw new CliError(`cannot open ${this.path}: ${(e as Error).message}`);
    }
    const next: ConfigFile = structuredClone({
      currentProfile: conf.get("currentProfile"),
      profiles: conf.get("profiles"),
    });
    change(next);
    try {
      conf.set("profiles", next.profiles);
      conf.set("currentProfile", next.currentProfile);
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/^Config schema violation: /, "invalid setting: "));
    }
    this.cached = next;
    return next;
  }
}

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw new UsageError(`invalid profile name "${name}"`, "use 1-64 letters, digits, '-' or '_'");
  }
  return name;
}
