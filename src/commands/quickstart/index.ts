import { randomUUID } from "node:crypto";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { generatePassword } from "../../context/secrets.js";
import { pollUntil } from "../../wait/poll.js";
import { adoptAsDefaultOrg } from "../org/default-org.js";
import { NOUNS } from "../nouns.js";

const USERS = [
  { name: "alice", displayName: "Alice Example", firstName: "Alice", lastName: "Example" },
  { name: "bob", displayName: "Bob Example", firstName: "Bob", lastName: "Example" },
] as const;
const GROUP = "team";
const RESOURCE = { name: "room-1", type: "ROOM", description: "Meeting room on the first floor" } as const;

/**
 * A short tour on the embedded simulator: an organization with two users, a group holding both,
 * and a meeting room, then everything listed. Safe to re-run: what exists is reused.
 */
export const quickstartCommand = defineCommand({
  ...NOUNS.quickstart,
  description:
    "Creates (or reuses) an organization, the users alice and bob, the group team with both as\n" +
    "members, and the meeting room room-1, then lists them. Runs on the embedded simulator unless\n" +
    "--backend aws is given explicitly. Passwords are generated and never shown; set one with\n" +
    "`wmctl user reset-password alice`.",
  examples: ["wmctl quickstart", "wmctl quickstart --alias demo -o json"],
  options: {
    alias: { kind: "string", default: "quickstart", describe: "Alias of the organization to create or reuse" },
  },
  output: { fields: ["type", "name", "email", "state", "id"], columns: ["type", "name", "email", "state"], list: true },
  mutating: true,
  async run(ctx, opts) {
    if (opts.dryRun) {
      ctx.out.plan({ action: "CreateOrganization", target: opts.alias });
      for (const u of USERS) ctx.out.plan({ action: "CreateUser+RegisterToWorkMail", target: u.name });
      ctx.out.plan({
        action: "CreateGroup+RegisterToWorkMail+AssociateMemberToGroup",
        target: GROUP,
        details: { members: USERS.map((u) => u.name) },
      });
      ctx.out.plan({
        action: "CreateResource+RegisterToWorkMail",
        target: RESOURCE.name,
        details: { type: RESOURCE.type },
      });
      return;
    }
    const api = await ctx.backend();
    const { id: orgId, domain } = await ensureOrganization(ctx, api, opts.alias);

    const userIds: string[] = [];
    for (const u of USERS) {
      const existing = await ctx.resolve.entity(u.name, ["USER"]).catch(() => undefined);
      let id = existing?.id;
      if (id === undefined) {
        id = (
          await api.createUser({
            OrganizationId: orgId,
            Name: u.name,
            DisplayName: u.displayName,
            FirstName: u.firstName,
            LastName: u.lastName,
            Password: generatePassword(),
          })
        ).UserId as string;
      }
      if (existing?.state !== "ENABLED") {
        await api.registerToWorkMail({ OrganizationId: orgId, EntityId: id, Email: `${u.name}@${domain}` });
        ctx.out.status(`User ${u.name} <${u.name}@${domain}>`);
      }
      userIds.push(id);
    }

    const group = await ctx.resolve.entity(GROUP, ["GROUP"]).catch(() => undefined);
    const groupId = group?.id ?? ((await api.createGroup({ OrganizationId: orgId, Name: GROUP })).GroupId as string);
    if (group?.state !== "ENABLED")
      await api.registerToWorkMail({ OrganizationId: orgId, EntityId: groupId, Email: `${GROUP}@${domain}` });
    const members = new Set<string>();
    for await (const m of paginate(
      (t) => api.listGroupMembers({ OrganizationId: orgId, GroupId: groupId, NextToken: t }),
      "Members",
    ))
      if (m.Id) members.add(m.Id);
    for (const id of userIds)
      if (!members.has(id)) await api.associateMemberToGroup({ OrganizationId: orgId, GroupId: groupId, MemberId: id });
    ctx.out.status(`Group ${GROUP} <${GROUP}@${domain}> with ${USERS.map((u) => u.name).join(" and ")}`);

    const room = await ctx.resolve.entity(RESOURCE.name, ["RESOURCE"]).catch(() => undefined);
    const roomId =
      room?.id ??
      ((
        await api.createResource({
          OrganizationId: orgId,
          Name: RESOURCE.name,
          Type: RESOURCE.type,
          Description: RESOURCE.description,
        })
      ).ResourceId as string);
    if (room?.state !== "ENABLED")
      await api.registerToWorkMail({ OrganizationId: orgId, EntityId: roomId, Email: `${RESOURCE.name}@${domain}` });
    ctx.out.status(`Room ${RESOURCE.name} <${RESOURCE.name}@${domain}>`);

    await listEverything(ctx, api, orgId);
    const steps: Array<[string, string]> = [
      ["wmctl user list", "the users (add -o json, --fields name,email ...)"],
      [`wmctl group members ${GROUP}`, "who is in the group"],
      [`wmctl user create carol --generate-password --group ${GROUP}`, ""],
      ["wmctl whois alice", "who owns a name, an address or an id"],
      ["wmctl local serve", "serve this simulator to the AWS CLI and SDKs"],
      ["wmctl help formatting", "table, tsv, json, ndjson, csv"],
    ];
    ctx.out.info(["", "Next steps:", ...steps.map(([cmd, what]) => `  ${cmd.padEnd(38)}${what}`.trimEnd())].join("\n"));
  },
});

async function ensureOrganization(
  ctx: CommandContext,
  api: WorkMailApi,
  alias: string,
): Promise<{ id: string; domain: string }> {
  let id = await ctx
    .resolveOrg(alias)
    .then((o) => o.id)
    .catch(() => undefined);
  if (id === undefined) {
    id = (await api.createOrganization({ Alias: alias, ClientToken: randomUUID() })).OrganizationId as string;
    ctx.out.status(`Organization ${alias} (${id})`);
  } else {
    ctx.out.info(`Reusing organization ${alias} (${id})`);
  }
  const orgId = id;
  const org = await pollUntil({
    what: `organization ${alias} to become Active`,
    timeoutMs: 10 * 60_000,
    check: async () => {
      const d = await api.describeOrganization({ OrganizationId: orgId });
      return { done: d.State === "Active", value: d };
    },
    onPending: (d) => ctx.out.info(`organization ${alias} is ${d.State ?? "?"}...`),
  });
  await adoptAsDefaultOrg(ctx, orgId, alias);
  ctx.selectOrg({ id: orgId, alias });
  return { id: orgId, domain: org.DefaultMailDomain ?? `${alias}.awsapps.com` };
}

async function listEverything(ctx: CommandContext, api: WorkMailApi, orgId: string): Promise<void> {
  for await (const u of paginate((t) => api.listUsers({ OrganizationId: orgId, NextToken: t }), "Users")) {
    if (u.State !== "DELETED") ctx.out.row({ type: "user", name: u.Name, email: u.Email, state: u.State, id: u.Id });
  }
  for await (const g of paginate((t) => api.listGroups({ OrganizationId: orgId, NextToken: t }), "Groups")) {
    if (g.State !== "DELETED") ctx.out.row({ type: "group", name: g.Name, email: g.Email, state: g.State, id: g.Id });
  }
  for await (const r of paginate((t) => api.listResources({ OrganizationId: orgId, NextToken: t }), "Resources")) {
    if (r.State !== "DELETED")
      ctx.out.row({
        type: r.Type === "EQUIPMENT" ? "equipment" : "room",
        name: r.Name,
        email: r.Email,
        state: r.State,
        id: r.Id,
      });
  }
}
