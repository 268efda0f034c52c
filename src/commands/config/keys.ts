import { UsageError } from "../../errors/cli-error.js";
import { isProfileKey, PROFILE_KEYS, type Profile } from "../../context/profile.js";

/** A profile key named on the command line, or a usage error listing the valid keys. */
export function profileKey(raw: string): keyof Profile {
  if (!isProfileKey(raw)) {
    throw new UsageError(`unknown setting "${raw}"`, `valid settings: ${Object.keys(PROFILE_KEYS).join(", ")}`);
  }
  return raw;
}
