// What `wmctl user list` does over an endpoint, without the `user` commands (another branch):
// AwsBackend (the real SDK, adaptive retries) + paginate(), one TSV row per user on stdout.
// Usage: node bench/list-users-client.mjs ENDPOINT ORG_ID   (credentials and region from the env)
import { createAwsBackend } from "../dist/backend/aws-backend.js";
import { paginate } from "../dist/backend/paginate.js";

const [endpoint, org] = process.argv.slice(2);
const api = await createAwsBackend({
  region: process.env.AWS_REGION,
  awsProfile: undefined,
  endpoint,
  maxAttempts: undefined,
});
let out = "";
for await (const u of paginate((t) => api.listUsers({ OrganizationId: org, NextToken: t }), "Users")) {
  out += `${u.Name}\t${u.Email ?? ""}\t${u.State}\n`;
}
process.stdout.write(out);
