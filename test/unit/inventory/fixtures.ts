import type { InventoryDocument } from "../../../src/inventory/document.js";

/** A small inventory with every core area, for unit tests. */
export function sampleInventory(): InventoryDocument {
  return {
    format: "wmctl-inventory",
    formatVersion: 1,
    wmctlVersion: "0.1.0",
    createdAt: "2027-03-01T09:00:00.000Z",
    source: {
      organizationId: "m-0123456789abcdef0123456789abcdef",
      alias: "acme",
      region: "us-east-1",
      backend: "local",
    },
    areas: {
      organization: {
        id: "m-0123456789abcdef0123456789abcdef",
        alias: "acme",
        state: "Active",
        defaultMailDomain: "example.com",
        interoperabilityEnabled: false,
      },
      domains: [
        {
          name: "acme.awsapps.com",
          isDefault: false,
          isTestDomain: true,
          ownershipVerificationStatus: "VERIFIED",
          dkimVerificationStatus: "VERIFIED",
          records: [],
        },
        {
          name: "example.com",
          isDefault: true,
          isTestDomain: false,
          ownershipVerificationStatus: "VERIFIED",
          dkimVerificationStatus: "VERIFIED",
          records: [
            { type: "TXT", hostname: "_amazonses.example.com.", value: "tok3n" },
            { type: "MX", hostname: "example.com.", value: "10 inbound-smtp.us-east-1.amazonaws.com." },
          ],
        },
      ],
      users: [
        {
          name: "bob",
          email: "bob@example.com",
          state: "ENABLED",
          role: "USER",
          displayName: "Bob Smith, Jr.",
          firstName: "Bob",
          city: 'Saint-"Denis"',
          hidden: false,
          aliases: ["bobby@example.com", "b@acme.awsapps.com"],
        },
        { name: "carol", state: "DISABLED", role: "USER", displayName: "carol", hidden: true, aliases: [] },
      ],
      groups: [
        {
          name: "All Staff",
          email: "all@example.com",
          state: "ENABLED",
          hidden: false,
          aliases: [],
          members: [
            { name: "sales", type: "GROUP" },
            { name: "carol", type: "USER" },
          ],
        },
        {
          name: "sales",
          email: "sales@example.com",
          state: "ENABLED",
          hidden: true,
          aliases: ["deals@example.com"],
          members: [{ name: "bob", type: "USER" }],
        },
      ],
      resources: [
        {
          name: "room-1",
          email: "room-1@example.com",
          state: "ENABLED",
          type: "ROOM",
          description: "12 seats\nprojector",
          hidden: false,
          bookingOptions: {
            autoAcceptRequests: false,
            autoDeclineRecurringRequests: true,
            autoDeclineConflictingRequests: true,
          },
          delegates: [{ name: "sales", type: "GROUP" }],
          aliases: [],
        },
      ],
      mailboxes: [{ user: "bob", email: "bob@example.com", quotaMb: 2048, sizeMb: 1.5 }],
      "mailbox-permissions": [
        {
          mailbox: "bob",
          mailboxType: "USER",
          grantee: "sales",
          granteeType: "GROUP",
          permissions: ["SEND_AS", "SEND_ON_BEHALF"],
        },
      ],
    },
    skipped: [],
    files: [],
  };
}
