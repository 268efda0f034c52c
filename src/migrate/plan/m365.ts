import type { GroupData, ResourceData, UserData } from "../../inventory/document.js";
import type { Table } from "../../inventory/tables.js";
import { addressOf, userAddressesOf, type Plan, type PlannedEntity } from "./plan-model.js";
import { psArray, psBool, psQuote } from "./quoting.js";

/** The Microsoft 365 admin center's "Add multiple users" CSV header, exactly as its template has it. */
export const M365_USERS_HEADER = [
  "User Name",
  "First Name",
  "Last Name",
  "Display Name",
  "Job Title",
  "Department",
  "Office Number",
  "Office Phone",
  "Mobile Phone",
  "Fax",
  "Alternate email address",
  "Address",
  "City",
  "State or Province",
  "ZIP or Postal Code",
  "Country or Region",
] as const;

/** users.csv for Users > Active users > Add multiple users: one row per user that lands. */
export function m365UsersTable(plan: Plan): Table {
  const rows = plan.users
    .filter((u) => u.targetPrimary !== undefined && u.movesMailbox)
    .map((u): Record<string, unknown> => {
      const d = u.data;
      return {
        "User Name": u.targetPrimary,
        "First Name": d.firstName,
        "Last Name": d.lastName,
        "Display Name": d.displayName ?? d.name,
        "Job Title": d.jobTitle,
        Department: d.department,
        "Office Number": d.office,
        "Office Phone": d.telephone,
        Address: d.street,
        City: d.city,
        "ZIP or Postal Code": d.zipCode,
        "Country or Region": d.country,
      };
    });
  return { columns: M365_USERS_HEADER, rows };
}

const comment = (s: string) => s.replace(/[\r\n]+/g, " ");

const PRELUDE = `#Requires -Version 5.1
$ErrorActionPreference = 'Stop'

function Test-WmRecipient([string]$Identity) {
  try { $null = Get-Recipient -Identity $Identity -ErrorAction Stop; return $true } catch { return $false }
}
function Assert-WmMailbox([string]$Identity) {
  if (-not (Test-WmRecipient $Identity)) { throw "No mailbox $Identity yet: add the users of users.csv (Add multiple users), license them, wait for their mailboxes, then run this script again" }
}
function Set-WmHidden([string]$Identity) {
  $r = Get-Recipient -Identity $Identity
  if ($r.HiddenFromAddressListsEnabled) { return }
  if ($r.RecipientTypeDetails -like '*Mailbox') { Set-Mailbox -Identity $Identity -HiddenFromAddressListsEnabled $true } else { Set-DistributionGroup -Identity $Identity -HiddenFromAddressListsEnabled $true }
  Write-Host "+ hidden from the address list: $Identity"
}
function Add-WmAddress([string]$Identity, [string]$Address) {
  $r = Get-Recipient -Identity $Identity
  if ($r.EmailAddresses -contains "smtp:$Address") { Write-Host "= address $Address"; return }
  if ($r.RecipientTypeDetails -like '*Mailbox') { Set-Mailbox -Identity $Identity -EmailAddresses @{Add = "smtp:$Address" } } else { Set-DistributionGroup -Identity $Identity -EmailAddresses @{Add = "smtp:$Address" } }
  Write-Host "+ address $Address -> $Identity"
}
function New-WmGroup([string]$Name, [string]$Address) {
  if (Test-WmRecipient $Address) { Write-Host "= group $Address"; return }
  # WorkMail groups take mail from outside senders too; Exchange Online's default would reject it.
  New-DistributionGroup -Name $Name -DisplayName $Name -PrimarySmtpAddress $Address -Type Distribution -RequireSenderAuthenticationEnabled $false | Out-Null
  Write-Host "+ group $Address"
}
$script:WmMembers = @{}
function Add-WmMember([string]$Group, [string]$Member) {
  if (-not $script:WmMembers.ContainsKey($Group)) {
    $script:WmMembers[$Group] = @(Get-DistributionGroupMember -Identity $Group -ResultSize Unlimited | ForEach-Object { [string]$_.PrimarySmtpAddress })
  }
  if ($script:WmMembers[$Group] -contains $Member) { Write-Host "= member $Member of $Group"; return }
  Add-DistributionGroupMember -Identity $Group -Member $Member -BypassSecurityGroupManagerCheck
  $script:WmMembers[$Group] += $Member
  Write-Host "+ member $Member of $Group"
}
function New-WmResource([string]$Name, [string]$Address, [string]$Kind) {
  if (Test-WmRecipient $Address) { Write-Host "= $Kind $Address"; return }
  if ($Kind -eq 'Room') { New-Mailbox -Name $Name -DisplayName $Name -PrimarySmtpAddress $Address -Room | Out-Null } else { New-Mailbox -Name $Name -DisplayName $Name -PrimarySmtpAddress $Address -Equipment | Out-Null }
  Write-Host "+ $Kind $Address"
}
function Set-WmBooking([string]$Address, [bool]$AutoAccept, [bool]$AllowConflicts, [bool]$AllowRecurring, [string[]]$Delegates) {
  $p = @{ Identity = $Address; AutomateProcessing = 'AutoAccept'; AllowConflicts = $AllowConflicts; AllowRecurringMeetings = $AllowRecurring }
  if ($AutoAccept) { $p.AllBookInPolicy = $true; $p.AllRequestInPolicy = $false } else { $p.AllBookInPolicy = $false; $p.AllRequestInPolicy = $true }
  if ($Delegates.Count -gt 0) { $p.ResourceDelegates = $Delegates }
  Set-CalendarProcessing @p
  Write-Host "+ booking options of $Address"
}
function Grant-WmFullAccess([string]$Mailbox, [string]$User) {
  $has = @(Get-MailboxPermission -Identity $Mailbox -User $User -ErrorAction SilentlyContinue | Where-Object { $_.AccessRights -contains 'FullAccess' -and -not $_.Deny })
  if ($has.Count -gt 0) { Write-Host "= full access of $User to $Mailbox"; return }
  Add-MailboxPermission -Identity $Mailbox -User $User -AccessRights FullAccess -InheritanceType All -AutoMapping $true | Out-Null
  Write-Host "+ full access of $User to $Mailbox"
}
function Grant-WmSendAs([string]$Mailbox, [string]$Trustee) {
  $has = @(Get-RecipientPermission -Identity $Mailbox -Trustee $Trustee -AccessRights SendAs -ErrorAction SilentlyContinue)
  if ($has.Count -gt 0) { Write-Host "= send as $Mailbox by $Trustee"; return }
  Add-RecipientPermission -Identity $Mailbox -Trustee $Trustee -AccessRights SendAs -Confirm:$false | Out-Null
  Write-Host "+ send as $Mailbox by $Trustee"
}
function Grant-WmSendOnBehalf([string]$Mailbox, [string]$Delegate) {
  $r = Get-Recipient -Identity $Mailbox
  if ($r.RecipientTypeDetails -like '*Mailbox') { Set-Mailbox -Identity $Mailbox -GrantSendOnBehalfTo @{Add = $Delegate } } else { Set-DistributionGroup -Identity $Mailbox -GrantSendOnBehalfTo @{Add = $Delegate } }
  Write-Host "+ send on behalf of $Mailbox by $Delegate"
}
`;

/** One call of a helper: the function name and its arguments, every string a verbatim literal. */
function call(fn: string, ...args: Array<string | boolean | readonly string[]>): string {
  return [
    fn,
    ...args.map((a) => (typeof a === "boolean" ? psBool(a) : typeof a === "string" ? psQuote(a) : psArray(a))),
  ].join(" ");
}

const lands = <T extends UserData | GroupData | ResourceData>(
  e: PlannedEntity<T>,
): e is PlannedEntity<T> & { targetPrimary: string } => e.targetPrimary !== undefined;

/**
 * provision.ps1 for Exchange Online PowerShell: what users.csv cannot create. Idempotent (each
 * helper checks first), stops at the first error (`$ErrorActionPreference = 'Stop'`), every value
 * a verbatim string. The caller writes it as UTF-8 with a BOM (Windows PowerShell 5.1).
 */
export function m365ProvisionScript(plan: Plan, header: readonly string[]): string {
  const out: string[] = [...header.map((h) => `# ${comment(h)}`), "", PRELUDE];
  const users = plan.users.filter(lands).filter((u) => u.movesMailbox);
  const groups = plan.groups.filter(lands);
  const resources = plan.resources.filter(lands);

  out.push(`# 1. The ${users.length} mailboxes of users.csv must exist first`);
  for (const u of users) out.push(call("Assert-WmMailbox", u.targetPrimary));

  out.push("", `# 2. Distribution groups (${groups.length}), then their members (nested groups included)`);
  for (const g of groups) out.push(call("New-WmGroup", g.name, g.targetPrimary));
  for (const g of groups) {
    for (const m of g.data.members) {
      const address = addressOf(plan, m);
      out.push(
        address === undefined
          ? `# member ${comment(m.name)} (${m.type}) of ${comment(g.name)} does not land: see mapping.csv`
          : call("Add-WmMember", g.targetPrimary, address),
      );
    }
  }

  out.push("", `# 3. Rooms and equipment (${resources.length}) with their booking options and delegates`);
  for (const r of resources)
    out.push(call("New-WmResource", r.name, r.targetPrimary, r.targetType === "equipment" ? "Equipment" : "Room"));
  for (const r of resources) {
    // Exchange Online takes mailboxes as resource delegates: a group delegate stands for its members.
    const delegates = [...new Set(r.data.delegates.flatMap((d) => userAddressesOf(plan, d)))];
    for (const d of r.data.delegates)
      if (d.type === "GROUP")
        out.push(`# delegate group ${comment(d.name)} of ${comment(r.name)}: its members are the delegates below`);
    const b = r.data.bookingOptions;
    out.push(
      call(
        "Set-WmBooking",
        r.targetPrimary,
        b.autoAcceptRequests,
        !b.autoDeclineConflictingRequests,
        !b.autoDeclineRecurringRequests,
        delegates,
      ),
    );
  }

  out.push("", "# 4. Addresses (proxy addresses) beyond the primary ones");
  for (const e of [...users, ...groups, ...resources])
    for (const alias of e.targetAliases) out.push(call("Add-WmAddress", e.targetPrimary, alias));

  out.push("", "# 5. Hidden from the global address list, as in WorkMail");
  for (const e of [...users, ...groups, ...resources])
    if (e.data.hidden) out.push(call("Set-WmHidden", e.targetPrimary));

  out.push("", `# 6. Mailbox permissions (${plan.permissions.length} grants)`);
  for (const p of plan.permissions) {
    const mailbox = addressOf(plan, { name: p.mailbox, type: p.mailboxType });
    // A distribution group cannot hold mailbox permissions in Exchange Online: its members get them.
    const grantees =
      p.granteeType === "GROUP"
        ? userAddressesOf(plan, { name: p.grantee, type: "GROUP" })
        : [addressOf(plan, { name: p.grantee, type: p.granteeType })].filter((x): x is string => x !== undefined);
    if (mailbox === undefined || grantees.length === 0) {
      out.push(
        `# ${comment(p.permissions.join("+"))} of ${comment(p.grantee)} on ${comment(p.mailbox)}: ${mailbox === undefined ? "the mailbox" : "the grantee"} does not land (see mapping.csv)`,
      );
      continue;
    }
    if (p.granteeType === "GROUP")
      out.push(
        `# ${comment(p.permissions.join("+"))} of group ${comment(p.grantee)} on ${comment(p.mailbox)}: granted to its members`,
      );
    for (const grantee of grantees) {
      for (const right of p.permissions) {
        if (right === "FULL_ACCESS") out.push(call("Grant-WmFullAccess", mailbox, grantee));
        else if (right === "SEND_AS") out.push(call("Grant-WmSendAs", mailbox, grantee));
        else if (right === "SEND_ON_BEHALF") out.push(call("Grant-WmSendOnBehalf", mailbox, grantee));
      }
    }
  }
  out.push("", "Write-Host 'Done: every step is in place.'", "");
  return out.join("\n");
}
