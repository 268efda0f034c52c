import { defineCommand } from "../../cli/define-command.js";

export const localCaCommand = defineCommand({
  name: "ca",
  summary: "Print the simulator's CA certificate (PEM), which its HTTPS endpoints chain to",
  description: "Trust it to talk to the simulator's AutoDiscover endpoint: curl --cacert, or --ca-file.",
  examples: ["wmctl local ca > wmctl-ca.pem", "curl --cacert wmctl-ca.pem ..."],
  async run(ctx) {
    const sim = await ctx.simulator();
    ctx.out.text(await sim.caCertificate());
  },
});
