import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface ProbeResult {
  readonly passed: boolean;
  readonly failureReason?: string;
}

const BODY = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:RequestServerVersion Version="Exchange2010_SP2"/></soap:Header>
  <soap:Body><m:GetServerTimeZones ReturnFullTimeZoneData="false"/></soap:Body>
</soap:Envelope>`;

/**
 * What TestAvailabilityConfiguration does for an EWS provider: log in to the EWS endpoint with the
 * configured credentials (HTTP Basic, a harmless GetServerTimeZones call). 2xx passes; 401/403 means
 * the credentials were refused; anything else, or no answer, fails with the reason. The password is
 * only ever sent in the Authorization header.
 */
export function probeEws(
  endpoint: string,
  username: string,
  password: string,
  timeoutMs = 10_000,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      resolve({ passed: false, failureReason: "The EWS URL is invalid." });
      return;
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        timeout: timeoutMs,
        headers: {
          "content-type": "text/xml; charset=utf-8",
          authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`,
          "user-agent": "wmctl-local-simulator (availability test)",
        },
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ passed: true });
        else if (status === 401 || status === 403)
          resolve({ passed: false, failureReason: `The EWS endpoint refused the credentials (HTTP ${status}).` });
        else resolve({ passed: false, failureReason: `The EWS endpoint answered HTTP ${status}.` });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", (e: NodeJS.ErrnoException) => {
      resolve({ passed: false, failureReason: `The EWS URL is invalid or unreachable: ${e.code ?? e.message}.` });
    });
    req.end(BODY);
  });
}
