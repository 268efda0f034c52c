// Creating users in one process through the LocalBackend port (the simulator in-process):
// CreateUser with a password, then RegisterToWorkMail, 1,000 times (node bench/users.mjs --count 1000).
// Target: >= 1,000 users/s.
import { arg, openSimulator, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const count = arg("count", 1000);
const sim = await openSimulator(tempHome("users"));
const { OrganizationId } = await sim.createOrganization({ Alias: "bench" });

async function run(label, prefix, body) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await body(`${prefix}${i}`);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`  ${label.padEnd(44)} ${count} in ${s.toFixed(2)} s = ${Math.round(count / s)} users/s`);
}

console.log(`creating ${count} users in one process (node ${process.version})`);
await run("CreateUser (with password)", "p", (name) =>
  sim.createUser({ OrganizationId, Name: name, DisplayName: name, Password: "Passw0rd!" }),
);
await run("CreateUser (with password) + RegisterToWorkMail", "u", async (name) => {
  const { UserId } = await sim.createUser({ OrganizationId, Name: name, DisplayName: name, Password: "Passw0rd!" });
  await sim.registerToWorkMail({ OrganizationId, EntityId: UserId, Email: `${name}@bench.awsapps.com` });
});
await run("CreateUser (no password) + RegisterToWorkMail", "n", async (name) => {
  const { UserId } = await sim.createUser({ OrganizationId, Name: name, DisplayName: name });
  await sim.registerToWorkMail({ OrganizationId, EntityId: UserId, Email: `${name}@bench.awsapps.com` });
});
sim.close();
