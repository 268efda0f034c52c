import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";

export const localVerificationDnsCommand = defineCommand({
  name: "verification-dns",
  summary: "Show or set where the simulator looks up records to verify domains",
  description:
    "By default the simulator verifies a domain (ownership TXT, DKIM CNAMEs) against its own hosted\n" +
    "zones, without network: `wmctl domain apply` on the local backend writes there. Name DNS servers to\n" +
    "verify against real DNS instead (records published on the internet, or on another test server).",
  examples: [
    "wmctl local verification-dns",
    "wmctl local verification-dns 1.1.1.1 8.8.8.8",
    "wmctl local verification-dns --own-zones",
  ],
  args: [{ name: "servers", describe: "DNS servers (IP[:port])", required: false, variadic: true }],
  options: { ownZones: { kind: "boolean", describe: "Go back to the simulator's own zones" } },
  output: { fields: ["servers", "mode"], columns: ["mode", "servers"] },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const given = opts.servers ?? [];
    if (opts.ownZones && given.length > 0) throw new UsageError("--own-zones takes no servers");
    let servers = await sim.verificationResolvers();
    if (opts.ownZones || given.length > 0) {
      try {
        servers = await sim.setVerificationResolvers(opts.ownZones ? [] : given);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      ctx.out.status(
        servers.length === 0
          ? "The simulator verifies domains against its own zones"
          : `The simulator verifies domains through ${servers.join(", ")}`,
      );
    }
    ctx.out.record({ mode: servers.length === 0 ? "own-zones" : "resolvers", servers });
  },
});
