import type { Member } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { mapOrdered } from "../../backend/map-ordered.js";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { memberListOutput, memberView, RECURSIVE_MEMBER_COLUMNS } from "./view.js";

export const groupMembersCommand = defineCommand({
  name: "members",
  summary: "List a group's members (users and groups), nested groups expanded with --recursive",
  description:
    "With --recursive, members of nested groups follow their group, and the VIA column shows the\n" +
    'path of groups that brings them in ("all-staff > engineering"). A member reached by two paths\n' +
    "is listed once per path; a group already on the path is not expanded again.",
  examples: [
    "wmctl group members sales",
    "wmctl group members all-staff --recursive",
    "wmctl group members all-staff -r --fields name,depth -o tsv",
  ],
  args: [{ name: "group", describe: "name, email or id" }],
  options: { recursive: { kind: "boolean", short: "r", describe: "Expand nested groups" } },
  output: memberListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const g = await ctx.resolve.group(opts.group);
    if (opts.recursive) ctx.out.useColumns(RECURSIVE_MEMBER_COLUMNS);
    // ListGroupMembers has no addresses: DescribeUser / DescribeGroup per member, when the email is shown.
    const withEmail = ctx.out.wants(["email"]);
    const view = async (m: Member, path: readonly string[]) => ({
      ...memberView(m, path),
      ...(withEmail ? { email: await memberEmail(api, org, m) } : {}),
    });
    if (!opts.recursive) {
      for await (const row of mapOrdered(membersOf(api, org, g.id), (m) => view(m, [g.name]))) ctx.out.row(row);
      return;
    }
    const walk = async (groupId: string, path: string[], onPath: Set<string>): Promise<void> => {
      for await (const m of membersOf(api, org, groupId)) {
        ctx.out.row(await view(m, path));
        if (m.Type === "GROUP" && m.Id !== undefined && !onPath.has(m.Id)) {
          await walk(m.Id, [...path, m.Name ?? m.Id], new Set([...onPath, m.Id]));
        }
      }
    };
    await walk(g.id, [g.name], new Set([g.id]));
  },
});

/** A member's primary address (none for a member that was never enabled). */
async function memberEmail(api: WorkMailApi, org: string, m: Member): Promise<string | undefined> {
  if (m.Id === undefined) return undefined;
  if (m.Type === "GROUP") return (await api.describeGroup({ OrganizationId: org, GroupId: m.Id })).Email;
  return (await api.describeUser({ OrganizationId: org, UserId: m.Id })).Email;
}

function membersOf(api: WorkMailApi, org: string, groupId: string): AsyncGenerator<Member> {
  return paginate(
    (t) => api.listGroupMembers({ OrganizationId: org, GroupId: groupId, ...(t ? { NextToken: t } : {}) }),
    "Members",
  );
}
