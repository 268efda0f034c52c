/**
 * Errors of the simulated service. Names are the service's own (the model's 22 modelled
 * exceptions, plus the framework's ValidationException, ThrottlingException and InternalFailure);
 * the HTTP front end sends them as `{"__type", "Message"}` with x-amzn-ErrorType, and in-process
 * callers see them exactly as the SDK would raise them: `err.name` is the code, `$fault` is set.
 */
export type ServiceErrorName =
  | "DirectoryInUseException"
  | "DirectoryServiceAuthenticationFailedException"
  | "DirectoryUnavailableException"
  | "EmailAddressInUseException"
  | "EntityAlreadyRegisteredException"
  | "EntityNotFoundException"
  | "EntityStateException"
  | "InvalidConfigurationException"
  | "InvalidCustomSesConfigurationException"
  | "InvalidParameterException"
  | "InvalidPasswordException"
  | "LimitExceededException"
  | "MailDomainInUseException"
  | "MailDomainNotFoundException"
  | "MailDomainStateException"
  | "NameAvailabilityException"
  | "OrganizationNotFoundException"
  | "OrganizationStateException"
  | "ReservedNameException"
  | "ResourceNotFoundException"
  | "TooManyTagsException"
  | "UnsupportedOperationException"
  // Not in the WorkMail model, but answered by the AWS front end:
  | "ValidationException"
  | "SerializationException"
  | "UnknownOperationException"
  | "ThrottlingException"
  | "InternalFailure"
  | "AccessDeniedException"
  | "MissingAuthenticationTokenException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "IncompleteSignatureException";

export class SimulatedServiceError extends Error {
  readonly $fault: "client" | "server";
  readonly httpStatus: number;

  constructor(
    name: ServiceErrorName,
    message: string,
    options: { httpStatus?: number; fault?: "client" | "server" } = {},
  ) {
    super(message);
    this.name = name;
    this.httpStatus = options.httpStatus ?? 400;
    this.$fault = options.fault ?? (this.httpStatus >= 500 ? "server" : "client");
  }
}

export function isSimulatedServiceError(e: unknown): e is SimulatedServiceError {
  return e instanceof SimulatedServiceError;
}

const err = (name: ServiceErrorName) => (message: string) => new SimulatedServiceError(name, message);

/** Builders for each error, so that messages stay consistent across modules. */
export const fail = {
  validation: err("ValidationException"),
  invalidParameter: err("InvalidParameterException"),
  invalidPassword: err("InvalidPasswordException"),
  entityNotFound: err("EntityNotFoundException"),
  entityState: err("EntityStateException"),
  entityAlreadyRegistered: err("EntityAlreadyRegisteredException"),
  emailAddressInUse: err("EmailAddressInUseException"),
  nameAvailability: err("NameAvailabilityException"),
  reservedName: err("ReservedNameException"),
  mailDomainNotFound: err("MailDomainNotFoundException"),
  mailDomainState: err("MailDomainStateException"),
  mailDomainInUse: err("MailDomainInUseException"),
  organizationNotFound: err("OrganizationNotFoundException"),
  organizationState: err("OrganizationStateException"),
  limitExceeded: err("LimitExceededException"),
  resourceNotFound: err("ResourceNotFoundException"),
  tooManyTags: err("TooManyTagsException"),
  unsupportedOperation: err("UnsupportedOperationException"),
  invalidConfiguration: err("InvalidConfigurationException"),
  directoryInUse: err("DirectoryInUseException"),
  directoryUnavailable: err("DirectoryUnavailableException"),
  notImplemented: (operation: string) =>
    new SimulatedServiceError(
      "UnsupportedOperationException",
      `${operation} is not implemented by the wmctl local simulator yet; \`wmctl local coverage\` lists what is`,
    ),
};
