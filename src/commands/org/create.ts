import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { pollUntil } from "../../wait/poll.js";
import { domainArg } from "../domain/view.js";
import { adoptAsDefaultOrg } from "./default-org.js";
import { orgRecordOutput, orgView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const orgCreateCommand = defineCommand({
  name: "create",
  summary: "Create an organization (with its test domain <alias>.awsapps.com)",
  description:
    "The alias is globally unique: 1-62 letters, digits and single hyphens, not starting with 'd-'.\n" +
    "The new organization becomes the profile's default organization when the profile has none.",
  examples: [
    "wmctl org create acme --wait",
    "wmctl org create acme --domain example.com --kms-key-arn arn:aws:kms:us-east-1:111122223333:key/...",
  ],
  args: [{ name: "alias", describe: "the organization's alias (its web app is https://<alias>.awsapps.com/mail)" }],
  options: {
    domain: { kind: "list", placeholder: "domain", describe: "Also add this mail domain (repeatable)" },
    kmsKeyArn: {
      kind: "string",
      placeholder: "arn",
      describe: "Symmetric KMS key for mailbox encryption (default: a WorkMail-managed key)",
    },
    interoperability: { kind: "boolean", describe: "Enable interoperability with Microsoft Exchange" },
    wait: { kind: "boolean", describe: "Wait until the organization is Active" },
    timeout: { kind: "duration", default: "10m", describe: "How long --wait waits (exit 8 when still Creating)" },
  },
  output: orgRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const domains = opts.domain.map(domainArg);
    const request = {
      Alias: opts.alias,
      ClientToken: randomUUID(),
      ...(domains.length ? { Domains: domains.map((d) => ({ DomainName: d })) } : {}),
      ...(opts.kmsKeyArn === undefined ? {} : { KmsKeyArn: opts.kmsKeyArn }),
      ...(opts.interoperability ? { EnableInteroperability: true } : {}),
    };
    if (opts.dryRun) {
      await validateRequest("CreateOrganization", request);
      ctx.out.plan({
        action: "CreateOrganization",
        target: opts.alias,
        details: { domains, kmsKeyArn: opts.kmsKeyArn },
      });
      return;
    }
    const api = await ctx.backend();
    const { OrganizationId } = await api.createOrganization(request);
    const id = OrganizationId as string;
    ctx.out.status(`Created organization ${opts.alias} (${id})`);
    let described = await api.describeOrganization({ OrganizationId: id });
    if (opts.wait && described.State !== "Active") {
      described = await pollUntil({
        what: `organization ${opts.alias} to become Active`,
        timeoutMs: opts.timeout,
        check: async () => {
          const d = await api.describeOrganization({ OrganizationId: id });
          return { done: d.State === "Active" || d.State === "Failed", value: d };
        },
        onPending: (d) => ctx.out.info(`organization ${opts.alias} is ${d.State ?? "?"}...`),
      });
    }
    await adoptAsDefaultOrg(ctx, id, opts.alias);
    ctx.out.record(orgView(described));
  },
});
