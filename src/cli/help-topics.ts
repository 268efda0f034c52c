import { ENV_VARS } from "../context/settings.js";
import { EXIT_CODE_TABLE } from "../errors/exit-codes.js";

function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([a]) => a.length)) + 2;
  return rows.map(([a, b]) => `  ${a.padEnd(width)}${b}`).join("\n");
}

const exitCodes = `EXIT CODES

wmctl exits with one of these codes, so scripts can tell failures apart:

${table(EXIT_CODE_TABLE.map((r) => [String(r.code), r.meaning] as const))}

Service errors keep the service's own name in the message (EntityStateException: ...);
the exit code follows from it: not found -> 5, in use or wrong state -> 6, throttled -> 7,
credentials or permission -> 4, invalid parameter -> 2, anything else -> 1.
`;

const environment = `ENVIRONMENT

Every global flag has an environment twin; a flag beats its variable, which beats the
profile (\`wmctl config\`), which beats the default.

${table(ENV_VARS.map((v) => [v.name, v.flag ? `${v.describe} (${v.flag})` : v.describe] as const))}

With no configuration at all, wmctl uses the embedded local simulator, stored under
$WMCTL_HOME or $XDG_DATA_HOME/wmctl (~/.local/share/wmctl). Profiles live in
$WMCTL_HOME/config.json or $XDG_CONFIG_HOME/wmctl/config.json (mode 0600).
`;

const formatting = `FORMATTING

-o, --output table|tsv|json|ndjson|csv   (--json is -o json)

  table    aligned columns with a header: the default on a terminal
  tsv      tab-separated rows without a header: the default when stdout is piped,
           so cut and awk work (wmctl user list | cut -f2)
  json     one JSON array for lists, one object for a single record; camelCase fields,
           ISO-8601 timestamps
  ndjson   one JSON object per line, streamed as pages arrive
  csv      RFC 4180 with a header row

--fields a,b,c picks and orders the fields in every format; an unknown field fails before
any API call and lists the valid ones (they are also listed in each command's --help).
--sort FIELD (or FIELD:desc) sorts a list by one of those fields: dates by time, numbers by
value, names in natural order, empty values last.

Tables fit the terminal (or COLUMNS) without cutting what you copy: ids, names, addresses,
ARNs and record values are never shortened. Descriptions and notes are shortened first, then
left out (a note on stderr names them), then long values wrap onto more lines. --wide prints
the table as wide as its content; a table into a pipe or a file is never narrowed. Tables
show sizes in KB/MB/GB and times relative to now; tsv, csv and json keep the exact values.

Data goes to stdout; status lines, warnings, progress and prompts go to stderr.
Colour only on a terminal; NO_COLOR, --no-color and TERM=dumb turn it off.

  wmctl user list --json | jq -r '.[].email'
  wmctl user list --fields name,state -o csv > users.csv
`;

export const HELP_TOPICS: Readonly<Record<string, string>> = {
  "exit-codes": exitCodes,
  environment,
  formatting,
};
