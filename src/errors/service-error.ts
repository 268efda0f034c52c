import { CliError } from "./cli-error.js";
import { ExitCode } from "./exit-codes.js";

/**
 * An error the WorkMail service (real or simulated) answered with. The message always starts with
 * the service's own error name, as the admin would see it in the AWS CLI: `EntityStateException: ...`.
 */
export class ServiceError extends CliError {
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(code: string, message: string, options: { requestId?: string; hint?: string; cause?: unknown } = {}) {
    super(`${code}: ${message}`, {
      exitCode: exitCodeForServiceError(code),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = "ServiceError";
    this.code = code;
    this.requestId = options.requestId;
  }
}

const NOT_FOUND = new Set([
  "EntityNotFoundException",
  "OrganizationNotFoundException",
  "MailDomainNotFoundException",
  "ResourceNotFoundException",
  "NoSuchHostedZone",
  "NoSuchChange",
  "NoSuchBucket",
  "NotFoundException",
]);

const CONFLICT = new Set([
  "EntityStateException",
  "EntityAlreadyRegisteredException",
  "EmailAddressInUseException",
  "NameAvailabilityException",
  "ReservedNameException",
  "MailDomainStateException",
  "MailDomainInUseException",
  "OrganizationStateException",
  "DirectoryInUseException",
  "ConflictException",
  "HostedZoneAlreadyExists",
  "InvalidConfigurationException",
]);

const AUTH = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "CredentialsProviderError",
  "DirectoryServiceAuthenticationFailedException",
]);

const THROTTLED = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "RequestLimitExceeded",
  "LimitExceededException",
  "TooManyTagsException",
]);

const USAGE = new Set([
  "ValidationException",
  "InvalidParameterException",
  "InvalidPasswordException",
  "InvalidChangeBatch",
  "InvalidInput",
]);

/** The one table from a service error name to a wmctl exit code (DESIGN.md section 4). */
function exitCodeForServiceError(code: string): ExitCode {
  if (NOT_FOUND.has(code)) return ExitCode.NotFound;
  if (CONFLICT.has(code)) return ExitCode.Conflict;
  if (AUTH.has(code)) return ExitCode.Auth;
  if (THROTTLED.has(code)) return ExitCode.Throttled;
  if (USAGE.has(code)) return ExitCode.Usage;
  return ExitCode.Failure;
}
