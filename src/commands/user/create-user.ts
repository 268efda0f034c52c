import type { CreateUserRequest, DescribeUserResponse, UpdateUserRequest } from "@aws-sdk/client-workmail";
import { collect, paginate } from "../../backend/paginate.js";
import { passwordProblem } from "../../backend/password-policy.js";
import { USER_ATTRIBUTE_MEMBERS, type UserAttribute } from "../../backend/user-attributes.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { CommandContext } from "../../context/context.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import type { ObtainedPassword } from "../../context/secrets.js";
import { UsageError } from "../../errors/cli-error.js";
import { ServiceError } from "../../errors/service-error.js";
import { serviceErrorName, withHints } from "../../errors/with-hint.js";
import type { PlannedChange } from "../../output/output.js";
import {
  addressHints,
  addressToEnable,
  aliasesOf,
  checkAddressUsable,
  domainOf,
  qualifyAddress,
} from "../alias/addresses.js";
import { Undo } from "../undo.js";

/** What `user create` and a `bulk create` row ask for. */
export interface UserCreateRequest {
  readonly name: string;
  readonly email?: string | undefined;
  readonly displayName?: string | undefined;
  readonly role?: "USER" | "REMOTE_USER" | undefined;
  readonly hidden: boolean;
  readonly aliases: readonly string[];
  readonly groups: readonly string[];
  readonly disabled: boolean;
  /** firstName, lastName, jobTitle, department ...: every attribute `user update` takes. */
  readonly attributes: Readonly<Partial<Record<UserAttribute, string>>>;
  /** Mailbox quota in MB (UpdateMailboxQuota), for an enabled USER. */
  readonly quotaMb?: number | undefined;
  /** A password was given (stdin, file, column) or is to be generated. */
  readonly passwordGiven: boolean;
  /** A password can be had (given, or asked for at a terminal): checked before anything changes. */
  readonly passwordAvailable: boolean;
  /** Gets the password; called once, only when the user is new, before the first change. */
  password(): Promise<ObtainedPassword | undefined>;
  /** Keep what this run created when a later step fails (default: undo it). */
  readonly keepPartial: boolean;
  readonly dryRun: boolean;
}

export interface UserCreateResult {
  /** created: a new user; updated: an existing one got what it lacked; unchanged: nothing to do. */
  readonly outcome: "created" | "updated" | "unchanged";
  readonly userId: string | undefined;
  readonly generatedPassword: string | undefined;
  /** The steps done (or, with dryRun, that would be done). */
  readonly steps: readonly PlannedChange[];
}

/**
 * The composite create of a user: CreateUser, UpdateUser (the attributes CreateUser does not take),
 * RegisterToWorkMail, CreateAlias for each alias, AssociateMemberToGroup for each group, and the
 * quota. Idempotent: an existing user is reused and only what it lacks is added (a user created by
 * someone else meanwhile, NameAvailabilityException, counts as existing). Everything checkable is
 * checked before the first change (groups exist; each address is on a verified domain of the
 * organization and free; the password meets the policy); if a later step still fails, what this run
 * did is undone unless keepPartial. The one engine of `user create` and `bulk create`.
 */
export async function createUserComposite(ctx: CommandContext, req: UserCreateRequest): Promise<UserCreateResult> {
  const api = await ctx.backend();
  const orgId = await ctx.org();
  const role = req.role ?? "USER";
  if (req.disabled && req.aliases.length > 0)
    throw new UsageError(
      "--alias needs an enabled user",
      "drop --disabled, or add aliases later with `wmctl alias add`",
    );
  if (req.disabled && req.email !== undefined)
    throw new UsageError("--email is the address the user is enabled with; it cannot go with --disabled");
  if (req.quotaMb !== undefined && (req.disabled || role !== "USER"))
    throw new UsageError("a quota needs an enabled user with a mailbox (role USER)");

  let existing = await findUser(api, orgId, req.name);
  if (existing === undefined && role === "USER" && !req.passwordAvailable) {
    throw new UsageError(
      `a password is needed for the new user ${req.name}, and there is no terminal to ask for it`,
      "pass --password-stdin, --password-file or --generate-password (a REMOTE_USER needs none)",
    );
  }
  // Groups are resolved before anything changes, so a typo changes nothing.
  const groups: ResolvedEntity[] = [];
  for (const g of req.groups) groups.push(await ctx.resolve.group(g));

  const enabledEmail = existing?.State === "ENABLED" ? existing.Email?.toLowerCase() : undefined;
  const wantEmail =
    req.disabled || enabledEmail !== undefined
      ? undefined
      : await addressToEnable(api, orgId, { name: req.name, email: existing?.Email }, req.email);
  const primary = enabledEmail ?? wantEmail;
  const aliases = [
    ...new Set(req.aliases.map((a) => qualifyAddress(a, primary === undefined ? undefined : domainOf(primary)))),
  ];
  const displayName =
    req.displayName ?? ([req.attributes.firstName, req.attributes.lastName].filter(Boolean).join(" ") || req.name);
  if (existing !== undefined) reportDifferences(ctx, existing, { ...req, role }, req.passwordGiven);

  const haveAliases =
    existing?.UserId !== undefined && existing.State === "ENABLED" ? await aliasesOf(api, orgId, existing.UserId) : [];
  const newAliases = aliases.filter((a) => !haveAliases.includes(a) && a !== primary);
  const haveGroups =
    existing?.UserId !== undefined && groups.length > 0
      ? await groupIdsOf(api, orgId, existing.UserId)
      : new Set<string>();
  const newGroups = groups.filter((g) => !haveGroups.has(g.id));
  // Every address on a verified domain of the organization, and free (or already this user's).
  const owner = { id: existing?.UserId, name: req.name, type: "USER" as const };
  if (wantEmail !== undefined) await checkAddressUsable(api, orgId, wantEmail, owner, "--email");
  for (const a of newAliases) await checkAddressUsable(api, orgId, a, owner, "--alias");
  const extra = existing === undefined ? attributesAfterCreate(req.attributes) : {};

  const steps: PlannedChange[] = [];
  const plan = (action: string, target: string, details?: Record<string, unknown>) =>
    steps.push({ action, target, ...(details === undefined ? {} : { details }) });
  if (existing === undefined) {
    plan("CreateUser", req.name, {
      displayName,
      role,
      hidden: req.hidden || undefined,
      firstName: req.attributes.firstName,
      lastName: req.attributes.lastName,
    });
    if (Object.keys(extra).length > 0) plan("UpdateUser", req.name, lowerKeys(extra));
  }
  if (wantEmail !== undefined) plan("RegisterToWorkMail", req.name, { email: wantEmail });
  for (const a of newAliases) plan("CreateAlias", req.name, { alias: a });
  for (const g of newGroups) plan("AssociateMemberToGroup", g.name, { member: req.name });
  const quotaNow =
    req.quotaMb !== undefined && existing?.UserId !== undefined && existing.State === "ENABLED"
      ? (await api.getMailboxDetails({ OrganizationId: orgId, UserId: existing.UserId })).MailboxQuota
      : undefined;
  const quotaMb = req.quotaMb !== undefined && req.quotaMb !== quotaNow ? req.quotaMb : undefined;
  if (quotaMb !== undefined) plan("UpdateMailboxQuota", req.name, { mailboxQuotaMb: quotaMb });
  const outcome = existing === undefined ? "created" : steps.length > 0 ? "updated" : "unchanged";
  if (req.dryRun) return { outcome, userId: existing?.UserId, generatedPassword: undefined, steps };

  let generated: string | undefined;
  let pw: ObtainedPassword | undefined;
  if (existing === undefined && (role === "USER" || req.passwordAvailable)) {
    pw = await req.password();
    const problem = pw === undefined || pw.generated ? undefined : passwordProblem(pw.password);
    if (problem !== undefined) {
      throw new ServiceError("InvalidPasswordException", problem, {
        hint: "use 8 to 63 characters from three of: upper case, lower case, digits, special characters, Latin-1 letters",
      });
    }
    if (pw?.generated) generated = pw.password;
  }

  const undo = new Undo(ctx, `user ${req.name}`);
  let created = false;
  try {
    let userId = existing?.UserId;
    if (userId === undefined) {
      const made = await createOrAdopt(api, {
        OrganizationId: orgId,
        Name: req.name,
        DisplayName: displayName,
        ...(pw === undefined ? {} : { Password: pw.password }),
        ...(req.role === undefined ? {} : { Role: req.role }),
        ...(req.attributes.firstName === undefined ? {} : { FirstName: req.attributes.firstName }),
        ...(req.attributes.lastName === undefined ? {} : { LastName: req.attributes.lastName }),
        ...(req.hidden ? { HiddenFromGlobalAddressList: true } : {}),
      });
      userId = made.userId;
      if (made.adopted === undefined) {
        const id = userId;
        created = true;
        undo.push(`delete user ${req.name}`, () => api.deleteUser({ OrganizationId: orgId, UserId: id }));
        ctx.out.status(`Created user ${req.name} (${userId})`);
        if (Object.keys(extra).length > 0) await api.updateUser({ OrganizationId: orgId, UserId: userId, ...extra });
      } else {
        // Created by someone else meanwhile: the same as finding it at the start.
        existing = made.adopted;
        generated = undefined;
        ctx.out.info(`User ${req.name} was created meanwhile (${userId}); reusing it`);
      }
    }
    const id = userId;
    const register = existing?.State === "ENABLED" ? undefined : wantEmail;
    if (register !== undefined) {
      await registerOnce(api, orgId, id, register);
      undo.push(`disable ${req.name}`, () => api.deregisterFromWorkMail({ OrganizationId: orgId, EntityId: id }));
      ctx.out.status(`Enabled ${req.name} as ${register}`);
    }
    const rerun = req.keepPartial ? "the user exists now; fix the cause and re-run the same command" : undefined;
    for (const a of newAliases) {
      await withHints(
        api.createAlias({ OrganizationId: orgId, EntityId: id, Alias: a }),
        // biome-ignore lint/suspicious/noThenProperty: addressHints' "then" is the next step's text, never awaited
        addressHints(a, rerun === undefined ? {} : { then: rerun }),
      );
      undo.push(`remove alias ${a}`, () => api.deleteAlias({ OrganizationId: orgId, EntityId: id, Alias: a }));
      ctx.out.status(`Added alias ${a}`);
    }
    for (const g of newGroups) {
      await api.associateMemberToGroup({ OrganizationId: orgId, GroupId: g.id, MemberId: id });
      undo.push(`remove ${req.name} from ${g.name}`, () =>
        api.disassociateMemberFromGroup({ OrganizationId: orgId, GroupId: g.id, MemberId: id }),
      );
      ctx.out.status(`Added ${req.name} to group ${g.name}`);
    }
    if (quotaMb !== undefined) {
      await api.updateMailboxQuota({ OrganizationId: orgId, UserId: id, MailboxQuota: quotaMb });
      ctx.out.status(`Mailbox quota of ${req.name} is now ${quotaMb} MB`);
    }
    return {
      outcome: created ? "created" : undo.empty && quotaMb === undefined ? "unchanged" : "updated",
      userId: id,
      generatedPassword: generated,
      steps,
    };
  } catch (e) {
    await undo.unlessKept(e, req.keepPartial);
    throw e;
  }
}

/** CreateUser; under a race (the same name created meanwhile) the user that now exists. */
async function createOrAdopt(
  api: WorkMailApi,
  input: CreateUserRequest,
): Promise<{ userId: string; adopted: DescribeUserResponse | undefined }> {
  try {
    return { userId: (await api.createUser(input)).UserId as string, adopted: undefined };
  } catch (e) {
    if (serviceErrorName(e) !== "NameAvailabilityException") throw e;
    const now = await findUser(api, input.OrganizationId as string, input.Name as string);
    if (now?.UserId === undefined) throw e; // the name is taken by a group or resource
    return { userId: now.UserId, adopted: now };
  }
}

/** RegisterToWorkMail; already enabled with this very address (a parallel run did it) is done. */
async function registerOnce(api: WorkMailApi, orgId: string, userId: string, email: string): Promise<void> {
  try {
    await withHints(
      api.registerToWorkMail({ OrganizationId: orgId, EntityId: userId, Email: email }),
      addressHints(email, { flag: "--email" }),
    );
  } catch (e) {
    if (serviceErrorName(e) !== "EntityAlreadyRegisteredException") throw e;
    const u = await api.describeUser({ OrganizationId: orgId, UserId: userId });
    if (u.Email?.toLowerCase() !== email) throw e;
  }
}

/** The user with this name, if one exists (a deleted one does not count). */
async function findUser(api: WorkMailApi, orgId: string, name: string): Promise<DescribeUserResponse | undefined> {
  try {
    const u = await api.describeUser({ OrganizationId: orgId, UserId: name });
    // A name that looks like an address may find whoever owns that address: only the same name counts.
    if (u.State === "DELETED" || u.Name?.toLowerCase() !== name.toLowerCase()) return undefined;
    return u;
  } catch (e) {
    // A name DescribeUser cannot take as an identifier names no user: CreateUser then says what is wrong with it.
    const error = serviceErrorName(e);
    if (error === "EntityNotFoundException" || error === "ValidationException") return undefined;
    throw e;
  }
}

async function groupIdsOf(api: WorkMailApi, orgId: string, userId: string): Promise<Set<string>> {
  const groups = await collect(
    paginate((t) => api.listGroupsForEntity({ OrganizationId: orgId, EntityId: userId, NextToken: t }), "Groups"),
  );
  return new Set(groups.map((g) => g.GroupId).filter((id): id is string => id !== undefined));
}

/** The attributes CreateUser does not take (UpdateUser sets them right after). */
function attributesAfterCreate(attributes: UserCreateRequest["attributes"]): Partial<UpdateUserRequest> {
  const out: Partial<UpdateUserRequest> = {};
  for (const [key, member] of Object.entries(USER_ATTRIBUTE_MEMBERS) as Array<
    [UserAttribute, (typeof USER_ATTRIBUTE_MEMBERS)[UserAttribute]]
  >) {
    const v = attributes[key];
    if (v !== undefined && v !== "" && key !== "firstName" && key !== "lastName") out[member] = v;
  }
  return out;
}

function lowerKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

/** On a re-run, what the request asks for but the existing user has otherwise: warn, never change. */
function reportDifferences(
  ctx: CommandContext,
  u: DescribeUserResponse,
  o: {
    displayName?: string | undefined;
    attributes: UserCreateRequest["attributes"];
    role: string;
    hidden: boolean;
    disabled: boolean;
    email?: string | undefined;
    dryRun: boolean;
  },
  passwordGiven: boolean,
): void {
  const name = u.Name ?? "";
  ctx.out.info(`User ${name} already exists (${u.UserId ?? "?"}); ${o.dryRun ? "it would be reused" : "reusing it"}`);
  const diffs: string[] = [];
  if (o.displayName !== undefined && o.displayName !== u.DisplayName)
    diffs.push(`display name is "${u.DisplayName ?? ""}"`);
  for (const [key, member] of Object.entries(USER_ATTRIBUTE_MEMBERS) as Array<
    [UserAttribute, (typeof USER_ATTRIBUTE_MEMBERS)[UserAttribute]]
  >) {
    const want = o.attributes[key];
    if (want !== undefined && want !== (u[member] ?? "")) diffs.push(`${key} is "${u[member] ?? ""}"`);
  }
  if (o.role !== (u.UserRole ?? "USER")) diffs.push(`role is ${u.UserRole ?? "USER"}`);
  if (o.hidden && u.HiddenFromGlobalAddressList !== true) diffs.push("it is shown in the global address list");
  if (diffs.length > 0)
    ctx.out.warn(`user ${name} exists and its ${diffs.join(", ")}: not changed (use \`wmctl user update ${name}\`)`);
  if (o.email !== undefined && u.State === "ENABLED" && u.Email !== undefined && !sameAddress(o.email, u.Email)) {
    ctx.out.warn(
      `user ${name} is already enabled as ${u.Email}: not changed (use \`wmctl user update ${name} --email ${o.email}\`)`,
    );
  }
  if (o.disabled && u.State === "ENABLED")
    ctx.out.warn(`user ${name} is enabled: left enabled (use \`wmctl user disable ${name}\`)`);
  if (passwordGiven)
    ctx.out.warn(`user ${name} exists: its password was not changed (use \`wmctl user reset-password ${name}\`)`);
}

function sameAddress(typed: string, actual: string): boolean {
  return typed.includes("@")
    ? typed.toLowerCase() === actual.toLowerCase()
    : actual.toLowerCase().startsWith(`${typed.toLowerCase()}@`);
}
