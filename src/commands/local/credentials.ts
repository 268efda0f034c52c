import { defineCommand } from "../../cli/define-command.js";
import type { SimulatorCredentialsInfo } from "../../backend/simulator-control.js";

type Shell = "sh" | "fish" | "powershell";

function exportsFor(shell: Shell, c: SimulatorCredentialsInfo, store: string): string {
  const vars: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", c.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", c.secretAccessKey],
    ["AWS_REGION", c.region],
    ["AWS_DEFAULT_REGION", c.region],
    // The served endpoint answers WorkMail, Route 53 and S3 reads: SDKs and the AWS CLI honour these.
    ...(c.endpoint === undefined
      ? []
      : ([
          ["AWS_ENDPOINT_URL_WORKMAIL", c.endpoint],
          ["AWS_ENDPOINT_URL_ROUTE_53", c.endpoint],
          ["AWS_ENDPOINT_URL_S3", c.endpoint],
        ] as [string, string][])),
  ];
  // A session token or a profile left in the environment would take precedence over these keys.
  const cleared = ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE"];
  const comment = `# wmctl local simulator (${store}): these keys open this simulator only, never AWS`;
  switch (shell) {
    case "sh":
      return [comment, ...vars.map(([k, v]) => `export ${k}='${v}'`), `unset ${cleared.join(" ")}`].join("\n");
    case "fish":
      return [comment, ...vars.map(([k, v]) => `set -gx ${k} '${v}'`), ...cleared.map((k) => `set -e ${k}`)].join("\n");
    case "powershell":
      return [
        comment,
        ...vars.map(([k, v]) => `$Env:${k}="${v}"`),
        ...cleared.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`),
      ].join("\n");
  }
}

export const localCredentialsCommand = defineCommand({
  name: "credentials",
  aliases: ["creds"],
  summary: "Print the served simulator's own access key as shell exports (never real AWS keys)",
  description:
    "Each store has its own key pair, created on first use; `wmctl local serve` checks request signatures\n" +
    "against it. Prints `export` lines (plus the endpoint of a running `local serve` on this store), to use\n" +
    "with eval; -o json prints them as one object.",
  examples: [
    'eval "$(wmctl local credentials)"',
    "wmctl local credentials --shell fish | source",
    "wmctl local credentials -o json",
  ],
  options: {
    shell: { kind: "enum", choices: ["sh", "fish", "powershell"], default: "sh", describe: "Syntax of the exports" },
  },
  output: {
    fields: ["accessKeyId", "secretAccessKey", "region", "endpoint"],
    columns: ["accessKeyId", "secretAccessKey", "region", "endpoint"],
  },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const c = await sim.credentials();
    // Piped into eval is the common case: shell syntax unless a data format was asked for.
    if (ctx.settings.output !== undefined || ctx.settings.fields !== undefined) {
      ctx.out.record({
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        region: c.region,
        endpoint: c.endpoint,
      });
      return;
    }
    ctx.out.text(exportsFor(opts.shell, c, sim.location) + "\n");
    if (c.endpoint === undefined)
      ctx.out.info(
        "(no `wmctl local serve` is running on this store: pass its URL with --endpoint-url when you start one)",
      );
  },
});
