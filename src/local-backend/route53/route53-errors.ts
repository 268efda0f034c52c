/**
 * Errors of the local Route 53, named and shaped like the SDK's (`name` is the service's code,
 * `$fault` is set; InvalidChangeBatch carries `messages`), so callers handle them exactly like the
 * real service's.
 */
export type Route53ErrorName =
  | "InvalidChangeBatch"
  | "InvalidInput"
  | "InvalidDomainName"
  | "NoSuchHostedZone"
  | "NoSuchChange"
  | "HostedZoneAlreadyExists"
  | "ConflictingDomainExists";

export class Route53Error extends Error {
  readonly $fault = "client" as const;
  readonly messages: string[] | undefined;

  constructor(name: Route53ErrorName, message: string, messages?: string[]) {
    super(message);
    this.name = name;
    this.messages = messages;
  }
}

export const route53Fail = {
  invalidChangeBatch: (messages: string[]) =>
    new Route53Error(
      "InvalidChangeBatch",
      messages.length === 1 ? (messages[0] as string) : `[${messages.join(", ")}]`,
      messages,
    ),
  invalidInput: (message: string) => new Route53Error("InvalidInput", message),
  invalidDomainName: (message: string) => new Route53Error("InvalidDomainName", message),
  noSuchHostedZone: (id: string) => new Route53Error("NoSuchHostedZone", `No hosted zone found with ID: ${id}`),
  noSuchChange: (id: string) =>
    new Route53Error("NoSuchChange", `A change with the specified change ID ${id} does not exist.`),
  hostedZoneAlreadyExists: (name: string, ref: string) =>
    new Route53Error(
      "HostedZoneAlreadyExists",
      `A hosted zone has already been created with the specified caller reference ${ref} (zone ${name}).`,
    ),
};
