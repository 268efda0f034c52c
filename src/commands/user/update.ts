import type { DescribeUserResponse, UpdateUserRequest } from "@aws-sdk/client-workmail";
import { USER_ATTRIBUTE_MEMBERS } from "../../backend/user-attributes.js";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { addressHints, domainOf, qualifyAddress } from "../alias/addresses.js";
import { validateRequest } from "../../backend/validate-request.js";
import { describedUserView } from "./describe.js";
import { userRecordOutput } from "./view.js";

const ATTRIBUTES = { displayName: "DisplayName", ...USER_ATTRIBUTE_MEMBERS } as const;

const text = (describe: string) => ({ kind: "string", placeholder: "text", describe }) as const;

export const userUpdateCommand = defineCommand({
  name: "update",
  aliases: ["set"],
  summary: "Change a user's details, role, address book visibility or primary email address",
  description:
    "Only the attributes given change (UpdateUser). An empty value clears an attribute (--office '').\n" +
    "--email makes another address primary (UpdatePrimaryEmailAddress): the old primary address stays as\n" +
    "an alias; a local part gets the current domain.",
  examples: [
    "wmctl user update bob --job-title 'Sales lead' --department Sales",
    "wmctl user update bob --email robert@example.com",
    "wmctl user update bob --hidden",
    "wmctl user update bob --role REMOTE_USER --dry-run",
  ],
  args: [{ name: "user", describe: "name, email address or id" }],
  options: {
    displayName: text("Display name"),
    firstName: text("First name"),
    lastName: text("Last name"),
    initials: text("Initials"),
    telephone: text("Telephone"),
    street: text("Street"),
    jobTitle: text("Job title"),
    city: text("City"),
    company: text("Company"),
    zipCode: text("Zip code"),
    department: text("Department"),
    country: text("Country"),
    office: text("Office"),
    role: { kind: "enum", choices: ["USER", "REMOTE_USER"], describe: "Role (a REMOTE_USER has no mailbox)" },
    hidden: { kind: "boolean", describe: "Hide the user from the global address list" },
    visible: { kind: "boolean", describe: "Show the user in the global address list" },
    email: {
      kind: "string",
      placeholder: "address",
      describe: "Make this the primary email address (the old one stays as an alias)",
    },
  },
  output: userRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.hidden && opts.visible) throw new UsageError("--hidden and --visible contradict each other");
    const changes: Partial<UpdateUserRequest> = {};
    for (const [key, member] of Object.entries(ATTRIBUTES) as Array<
      [keyof typeof ATTRIBUTES, (typeof ATTRIBUTES)[keyof typeof ATTRIBUTES]]
    >) {
      const v = opts[key];
      if (v !== undefined) changes[member] = v;
    }
    if (opts.role !== undefined) changes.Role = opts.role;
    if (opts.hidden || opts.visible) changes.HiddenFromGlobalAddressList = opts.hidden;
    if (Object.keys(changes).length === 0 && opts.email === undefined) {
      throw new UsageError(
        "nothing to update",
        "give at least one attribute, e.g. --display-name, --job-title, --hidden or --email",
      );
    }
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    const email =
      opts.email === undefined
        ? undefined
        : qualifyAddress(opts.email, user.email === undefined ? undefined : domainOf(user.email));
    // Only what differs is sent and counted: a re-run says "already", not "Updated".
    const now = await api.describeUser({ OrganizationId: orgId, UserId: user.id });
    const same = sameAttributes(changes, now);
    for (const member of same) delete changes[member];
    if (same.length > 0) ctx.out.status(`${user.name} already has ${same.map(describeSame(now)).join(", ")}`);
    if (email !== undefined && email === user.email?.toLowerCase())
      ctx.out.status(`${email} is already the primary address of ${user.name}`);
    if (opts.dryRun) {
      if (Object.keys(changes).length > 0)
        await validateRequest("UpdateUser", { OrganizationId: orgId, UserId: user.id, ...changes });
      if (email !== undefined && email !== user.email)
        await validateRequest("UpdatePrimaryEmailAddress", { OrganizationId: orgId, EntityId: user.id, Email: email });
      if (Object.keys(changes).length > 0)
        ctx.out.plan({ action: "UpdateUser", target: user.name, details: lowerKeys(changes) });
      if (email !== undefined && email !== user.email?.toLowerCase())
        ctx.out.plan({ action: "UpdatePrimaryEmailAddress", target: user.name, details: { email } });
      return;
    }
    if (Object.keys(changes).length > 0) {
      await withHints(api.updateUser({ OrganizationId: orgId, UserId: user.id, ...changes }), {
        EntityStateException: `user ${user.name} is ${user.state ?? "in another state"}; see \`wmctl user describe ${user.name}\``,
      });
      ctx.out.status(
        `Updated ${Object.keys(changes).length} attribute${Object.keys(changes).length > 1 ? "s" : ""} of ${user.name}`,
      );
    }
    if (email !== undefined && email !== user.email?.toLowerCase()) {
      await withHints(api.updatePrimaryEmailAddress({ OrganizationId: orgId, EntityId: user.id, Email: email }), {
        ...addressHints(email, { flag: "--email" }),
        EntityStateException: `only an enabled user's address can change: wmctl user enable ${user.name} --email ${email}`,
      });
      ctx.out.status(
        `Primary address of ${user.name} is now ${email}${user.email ? ` (${user.email} stays as an alias)` : ""}`,
      );
    }
    ctx.resolve.forget();
    ctx.out.record(await describedUserView(api, orgId, user.id));
  },
});

/** The members of `changes` whose value the user already has ('' and unset are the same). */
function sameAttributes(
  changes: Partial<UpdateUserRequest>,
  now: DescribeUserResponse,
): Array<keyof UpdateUserRequest> {
  const current = (member: keyof UpdateUserRequest): unknown =>
    member === "Role" ? now.UserRole : now[member as keyof DescribeUserResponse];
  return (Object.keys(changes) as Array<keyof UpdateUserRequest>).filter((member) => {
    const want = changes[member];
    const have = current(member);
    return typeof want === "boolean" ? want === (have === true) : (want ?? "") === (have ?? "");
  });
}

/** `job title "Lead"`, `role USER`, `hidden from the address list`. */
function describeSame(now: DescribeUserResponse) {
  return (member: keyof UpdateUserRequest): string => {
    if (member === "HiddenFromGlobalAddressList")
      return now.HiddenFromGlobalAddressList === true ? "hidden from the address list" : "visible in the address list";
    if (member === "Role") return `role ${now.UserRole ?? ""}`;
    const label = member.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    const value = now[member as keyof DescribeUserResponse];
    return value === undefined || value === "" ? `no ${label}` : `${label} "${String(value)}"`;
  };
}

function lowerKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}
