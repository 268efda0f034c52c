import { CliError } from "../errors/cli-error.js";
import { ExitCode } from "../errors/exit-codes.js";
import { withHints } from "../errors/with-hint.js";
import { SIGNATURE_FAILURES, SIGNATURE_HINT } from "./simulator-control.js";
import { methodName, WORKMAIL_OPERATIONS, type WorkMailApi } from "./workmail-api.js";

export interface AwsBackendOptions {
  readonly region: string | undefined;
  /** A profile name in ~/.aws/config; the SDK resolves credentials, SSO and retries from it. */
  readonly awsProfile: string | undefined;
  readonly endpoint: string | undefined;
  readonly maxAttempts: number | undefined;
  /** Static credentials (tests against a served simulator); normally the SDK's own chain. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The SDK's retry mode (default adaptive: client-side rate limiting after throttling answers). */
  readonly retryMode?: "standard" | "adaptive";
  /** Called with every request as it goes on the wire (--debug). */
  readonly onRequest?: (line: string) => void;
}

/**
 * The real service through @aws-sdk/client-workmail. The SDK is imported here, lazily, by the
 * backend factory: `--help` and local commands never load it.
 */
export async function createAwsBackend(options: AwsBackendOptions): Promise<WorkMailApi> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const sdk = (await import("@aws-sdk/client-workmail")) as unknown as Record<string, unknown> &
    typeof import("@aws-sdk/client-workmail");
  const { workmailRetryStrategy } = await import("./retry-strategy.js");
  let maxAttempts = () => Promise.resolve(options.maxAttempts ?? 3);
  const client = new sdk.WorkMailClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.awsProfile === undefined ? {} : { profile: options.awsProfile }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    // WorkMail's LimitExceededException is a resource limit: the strategy never retries it.
    retryStrategy: await workmailRetryStrategy(options.retryMode ?? "adaptive", () => maxAttempts()),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  maxAttempts = client.config.maxAttempts;
  if (options.onRequest) {
    const log = options.onRequest;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const req = args.request as {
          method?: string;
          hostname?: string;
          port?: number;
          path?: string;
          headers?: Record<string, string>;
        };
        log(
          `${req.method ?? "POST"} ${req.hostname ?? ""}${req.port ? ":" + req.port : ""}${req.path ?? "/"} ${req.headers?.["x-amz-target"] ?? context.commandName ?? ""}`,
        );
        return next(args);
      },
      { step: "finalizeRequest", name: "wmctlDebugLog" },
    );
  }

  // Another endpoint refusing the signature: most often a served simulator and the wrong keys.
  const hints: Record<string, string> =
    options.endpoint === undefined ? {} : Object.fromEntries(SIGNATURE_FAILURES.map((n) => [n, SIGNATURE_HINT]));
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const op of WORKMAIL_OPERATIONS) {
    const Command = sdk[`${op}Command`] as unknown as new (input: unknown) => never;
    api[methodName(op)] = async (input) => {
      try {
        return await withHints(client.send(new Command(input)), hints);
      } catch (e) {
        throw explainSdkError(e, options.endpoint);
      }
    };
  }
  return api as unknown as WorkMailApi;
}

/**
 * The credentials and region the SDK would sign with for these options (the SDK's own chain:
 * env, profile, SSO ...), for wmctl's signed calls to a served simulator's admin path.
 */
export async function resolveAwsIdentity(
  options: Pick<AwsBackendOptions, "region" | "awsProfile" | "credentials">,
): Promise<{ credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; region: string }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const sdk = await import("@aws-sdk/client-workmail");
  const client = new sdk.WorkMailClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.awsProfile === undefined ? {} : { profile: options.awsProfile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  try {
    const [identity, region] = await Promise.all([client.config.credentials(), client.config.region()]);
    return {
      credentials: {
        accessKeyId: identity.accessKeyId,
        secretAccessKey: identity.secretAccessKey,
        ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
      },
      region,
    };
  } catch (e) {
    throw explainSdkError(e);
  } finally {
    client.destroy();
  }
}

/** Errors the SDK raises before it reaches the service get a hint an admin can act on. */
function explainSdkError(e: unknown, endpoint?: string): unknown {
  if (!(e instanceof Error)) return e;
  const code = (e as { code?: string }).code;
  if (endpoint !== undefined && (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ECONNRESET")) {
    return new CliError(`cannot reach ${endpoint}: ${code}`, {
      hint: "is the endpoint up? For a simulator: wmctl local serve (it prints its URL)",
      cause: e,
    });
  }
  if (e.message === "Region is missing") {
    return new CliError("no AWS region is set", {
      exitCode: ExitCode.Usage,
      hint: "pass --region, set AWS_REGION, or `wmctl config set region us-east-1`",
      cause: e,
    });
  }
  if (e.name === "CredentialsProviderError") {
    return new CliError(`no AWS credentials: ${e.message.split("\n")[0]}`, {
      exitCode: ExitCode.Auth,
      hint: 'set AWS_PROFILE or `wmctl config set awsProfile NAME`; for a served simulator, eval "$(wmctl local credentials)"',
      cause: e,
    });
  }
  return e;
}
