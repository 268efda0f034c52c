/**
 * AutoDiscover POX answers, parsed (pure but for loading the XML library). The MobileSync answer
 * carries the ActiveSync URL; the Outlook answer the EWS URL; an error answer a code.
 */
export interface PoxAnswer {
  readonly kind: "mobilesync" | "outlook" | "error" | "redirect" | "unknown";
  readonly displayName?: string;
  readonly email?: string;
  readonly mobileSyncUrl?: string;
  readonly ewsUrl?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** Action/Redirect: another address to try (MS-OXDISCO). */
  readonly redirectTo?: string;
}

const MOBILE_REQUEST = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";
const MOBILE_RESPONSE = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";

/** The request body the guide's troubleshooting section posts (request.xml). */
export function mobileSyncRequest(email: string): string {
  const escaped = email.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<Autodiscover xmlns="${MOBILE_REQUEST}">\n  <Request>\n` +
    `    <EMailAddress>${escaped}</EMailAddress>\n    <AcceptableResponseSchema>${MOBILE_RESPONSE}</AcceptableResponseSchema>\n  </Request>\n</Autodiscover>\n`
  );
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : Array.isArray(v) ? obj(v[0]) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : undefined;

export async function parsePoxAnswer(xml: string): Promise<PoxAnswer> {
  const { XMLParser, XMLValidator } = await import("fast-xml-parser");
  if (xml.trim() === "" || XMLValidator.validate(xml) !== true) return { kind: "unknown" };
  const doc = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false }).parse(xml) as Obj;
  const response = obj(obj(doc.Autodiscover)?.Response);
  if (response === undefined) return { kind: "unknown" };
  const error = obj(response.Error);
  if (error !== undefined) {
    const code = text(error.ErrorCode);
    const message = text(error.Message);
    return {
      kind: "error",
      ...(code === undefined ? {} : { errorCode: code }),
      ...(message === undefined ? {} : { errorMessage: message }),
    };
  }
  const user = obj(response.User);
  const who = {
    ...(text(user?.DisplayName) === undefined ? {} : { displayName: text(user?.DisplayName) as string }),
    ...(text(user?.EMailAddress ?? user?.AutoDiscoverSMTPAddress) === undefined
      ? {}
      : { email: text(user?.EMailAddress ?? user?.AutoDiscoverSMTPAddress) as string }),
  };
  const action = obj(response.Action);
  const redirect = text(action?.Redirect);
  if (redirect !== undefined) return { kind: "redirect", redirectTo: redirect, ...who };
  const servers = obj(action?.Settings)?.Server;
  for (const s of Array.isArray(servers) ? servers : [servers]) {
    const server = obj(s);
    if (text(server?.Type) === "MobileSync") {
      const url = text(server?.Url);
      return { kind: "mobilesync", ...who, ...(url === undefined ? {} : { mobileSyncUrl: url }) };
    }
  }
  const account = obj(response.Account);
  if (account !== undefined) {
    const protocols = account.Protocol;
    for (const p of Array.isArray(protocols) ? protocols : [protocols]) {
      const ews = text(obj(p)?.EwsUrl);
      if (ews !== undefined) return { kind: "outlook", ...who, ewsUrl: ews };
    }
  }
  return { kind: "unknown", ...who };
}
