/**
 * Plain Old XML AutoDiscover (MS-OXDSCLI / the ActiveSync "mobilesync" variant): the request a
 * client posts and the answers WorkMail gives (admin guide: AutoDiscover phase 2 troubleshooting).
 */
export const SCHEMA = {
  response: "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006",
  mobileRequest: "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006",
  mobileResponse: "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006",
  outlookRequest: "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006",
  outlookResponse: "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a",
} as const;

export interface PoxRequest {
  readonly email: string | undefined;
  readonly schema: string | undefined;
}

type Fxp = typeof import("fast-xml-parser");
let fxp: Promise<Fxp> | undefined;
const loadFxp = () => (fxp ??= import("fast-xml-parser"));

/** A request has no business declaring a document type: entities (XXE, billion laughs) start there. */
const DOCTYPE = /<!\s*(DOCTYPE|ENTITY)/i;
/** The request is three levels deep; anything far deeper is not one. */
const MAX_DEPTH = 32;

/**
 * Reads EMailAddress and AcceptableResponseSchema from a request body; undefined when it is not one
 * (then the answer is AutoDiscover's 600 Invalid Request): not XML, a DOCTYPE or entity declaration,
 * nesting deeper than a request, or anything the parser refuses.
 */
export async function parsePoxRequest(body: string): Promise<PoxRequest | undefined> {
  if (body.trim() === "" || DOCTYPE.test(body)) return undefined;
  const { XMLParser, XMLValidator } = await loadFxp();
  let doc: Record<string, unknown>;
  try {
    if (XMLValidator.validate(body) !== true) return undefined;
    doc = new XMLParser({
      removeNSPrefix: true,
      ignoreAttributes: true,
      parseTagValue: false,
      maxNestedTags: MAX_DEPTH,
    }).parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const request = (
    doc.Autodiscover as { Request?: { EMailAddress?: unknown; AcceptableResponseSchema?: unknown } } | undefined
  )?.Request;
  if (request === undefined) return undefined;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : undefined);
  return { email: text(request.EMailAddress), schema: text(request.AcceptableResponseSchema) };
}

const XML_DECLARATION = { "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" } };

async function build(doc: object): Promise<string> {
  const { XMLBuilder } = await loadFxp();
  return new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: false,
  }).build({ ...XML_DECLARATION, ...doc }) as string;
}

/** The MobileSync answer, as in the guide's sample: the ActiveSync URL for the user. */
export function mobileSyncResponse(
  user: { displayName: string; email: string },
  activeSyncUrl: string,
): Promise<string> {
  return build({
    Autodiscover: {
      "@_xmlns": SCHEMA.response,
      "@_xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
      "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      Response: {
        "@_xmlns": SCHEMA.mobileResponse,
        Culture: "en:us",
        User: { DisplayName: user.displayName, EMailAddress: user.email },
        Action: { Settings: { Server: { Type: "MobileSync", Url: activeSyncUrl, Name: activeSyncUrl } } },
      },
    },
  });
}

/** The Outlook answer: an EXPR protocol entry with the EWS URL. */
export function outlookResponse(user: { displayName: string; email: string }, ewsUrl: string): Promise<string> {
  return build({
    Autodiscover: {
      "@_xmlns": SCHEMA.response,
      Response: {
        "@_xmlns": SCHEMA.outlookResponse,
        User: { DisplayName: user.displayName, AutoDiscoverSMTPAddress: user.email },
        Account: {
          AccountType: "email",
          Action: "settings",
          Protocol: { Type: "EXPR", Server: new URL(ewsUrl).hostname, SSL: "On", AuthPackage: "Basic", EwsUrl: ewsUrl },
        },
      },
    },
  });
}

/** An AutoDiscover error answer (600: Invalid Request; 601: the requested schema is not available). */
export function errorResponse(code: 600 | 601, message: string): Promise<string> {
  return build({
    Autodiscover: {
      "@_xmlns": SCHEMA.response,
      Response: {
        Error: {
          "@_Time": new Date().toISOString().slice(11, 19),
          "@_Id": "2477272013",
          ErrorCode: String(code),
          Message: message,
          DebugData: "",
        },
      },
    },
  });
}
