import type { Change, ChangeInfo, HostedZone, ResourceRecordSet } from "@aws-sdk/client-route-53";
import { bareZoneId } from "../../backend/hosted-zones.js";
import { LOCAL_NAME_SERVERS, type LocalHostedZones } from "./local-hosted-zones.js";
import { Route53Error, route53Fail } from "./route53-errors.js";

const NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const PREFIX = "/2013-04-01/";
const MAX_BODY = 1024 * 1024;

type Fxp = typeof import("fast-xml-parser");
let fxp: Promise<Fxp> | undefined;
const loadFxp = () => (fxp ??= import("fast-xml-parser"));

export interface Route53Request {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly body: Buffer;
}

export interface Route53Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** True for every Route 53 API path (they all start with /2013-04-01/). */
export function isRoute53Path(url: string): boolean {
  return url.startsWith(PREFIX);
}

/** A Route 53 error answer (`<ErrorResponse><Error><Type>Sender</Type><Code>...`). */
export async function route53Error(
  status: number,
  code: string,
  message: string,
  requestId: string,
  messages?: string[],
): Promise<Route53Reply> {
  return xmlReply(
    status,
    "ErrorResponse",
    {
      Error: {
        Type: "Sender",
        Code: code,
        Message: message,
        ...(messages === undefined ? {} : { messages: { Message: messages } }),
      },
      RequestId: requestId,
    },
    requestId,
  );
}

async function xmlReply(
  status: number,
  root: string,
  body: object,
  requestId: string,
  headers: Record<string, string> = {},
): Promise<Route53Reply> {
  const { XMLBuilder } = await loadFxp();
  const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true }).build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    [root]: { "@_xmlns": NS, ...body },
  }) as string;
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId, ...headers }, body: xml };
}

/**
 * The local Route 53 over its wire protocol (restXml, 2013-04-01), for the five operations wmctl
 * uses (CreateHostedZone, ListHostedZonesByName, ListResourceRecordSets, ChangeResourceRecordSets,
 * GetChange) and the two an admin types first (ListHostedZones, GetHostedZone). The real
 * @aws-sdk/client-route-53 (and the AWS CLI) can point at it with an endpoint override; `wmctl local
 * serve` answers it on the WorkMail endpoint, since every Route 53 path starts with /2013-04-01/.
 * Signatures are not checked here (the wire server does).
 */
export async function handleRoute53(
  zones: LocalHostedZones,
  req: Route53Request,
  requestId: string,
): Promise<Route53Reply> {
  const url = new URL(req.url, "http://localhost");
  const send = (status: number, root: string, body: object, headers: Record<string, string> = {}) =>
    xmlReply(status, root, body, requestId, headers);
  try {
    // The model's URIs end some paths with a slash (`.../rrset/`): botocore sends it, the JS SDK does not.
    const path = url.pathname.slice(PREFIX.length).replace(/\/$/, "").split("/").map(decodeURIComponent);
    const q = url.searchParams;
    const num = (v: string | null) => (v === null ? undefined : Number(v));
    if (req.method === "POST" && path.length === 1 && path[0] === "hostedzone") {
      const r = (await parseXml(req.body)).CreateHostedZoneRequest as Record<string, unknown> | undefined;
      const config = r?.HostedZoneConfig as { Comment?: string; PrivateZone?: string } | undefined;
      const out = await zones.createHostedZone({
        Name: String(r?.Name ?? ""),
        CallerReference: String(r?.CallerReference ?? ""),
        ...(config === undefined
          ? {}
          : {
              HostedZoneConfig: {
                ...(config.Comment === undefined ? {} : { Comment: String(config.Comment) }),
                PrivateZone: String(config.PrivateZone) === "true",
              },
            }),
      });
      return await send(
        201,
        "CreateHostedZoneResponse",
        {
          HostedZone: zoneXml(out.HostedZone as HostedZone),
          ChangeInfo: changeXml(out.ChangeInfo as ChangeInfo),
          DelegationSet: { NameServers: { NameServer: out.DelegationSet?.NameServers ?? [] } },
        },
        { location: out.Location ?? "" },
      );
    }
    if (req.method === "GET" && path.length === 1 && path[0] === "hostedzonesbyname") {
      const out = await zones.listHostedZonesByName({
        ...(q.get("dnsname") === null ? {} : { DNSName: q.get("dnsname") as string }),
        ...(q.get("hostedzoneid") === null ? {} : { HostedZoneId: q.get("hostedzoneid") as string }),
        ...(q.get("maxitems") === null ? {} : { MaxItems: num(q.get("maxitems")) }),
      });
      return await send(200, "ListHostedZonesByNameResponse", {
        HostedZones: { HostedZone: (out.HostedZones ?? []).map(zoneXml) },
        ...(out.DNSName === undefined ? {} : { DNSName: out.DNSName }),
        ...(out.HostedZoneId === undefined ? {} : { HostedZoneId: out.HostedZoneId }),
        IsTruncated: String(out.IsTruncated),
        ...(out.NextDNSName === undefined
          ? {}
          : { NextDNSName: out.NextDNSName, NextHostedZoneId: out.NextHostedZoneId }),
        MaxItems: String(out.MaxItems),
      });
    }
    if (req.method === "GET" && path.length === 1 && path[0] === "hostedzone") {
      // ListHostedZones (what `aws route53 list-hosted-zones` asks first): by name, paged by zone id.
      const all = await allZones(zones);
      const maxItems = Math.min(Math.max(num(q.get("maxitems")) ?? 100, 1), 100);
      const marker = q.get("marker");
      const from = marker === null ? 0 : all.findIndex((z) => bareZoneId(z.Id ?? "") === bareZoneId(marker));
      if (from < 0)
        return await route53Error(400, "InvalidInput", `The marker ${marker ?? ""} is not a hosted zone id`, requestId);
      const page = all.slice(from, from + maxItems);
      const next = all[from + maxItems];
      return await send(200, "ListHostedZonesResponse", {
        HostedZones: { HostedZone: page.map(zoneXml) },
        ...(marker === null ? {} : { Marker: marker }),
        IsTruncated: String(next !== undefined),
        ...(next === undefined ? {} : { NextMarker: bareZoneId(next.Id ?? "") }),
        MaxItems: String(maxItems),
      });
    }
    if (req.method === "GET" && path.length === 2 && path[0] === "hostedzone") {
      // GetHostedZone.
      const zone = (await allZones(zones)).find((z) => bareZoneId(z.Id ?? "") === bareZoneId(path[1] as string));
      if (zone === undefined) throw route53Fail.noSuchHostedZone(path[1] as string);
      return await send(200, "GetHostedZoneResponse", {
        HostedZone: zoneXml(zone),
        DelegationSet: { NameServers: { NameServer: [...LOCAL_NAME_SERVERS] } },
      });
    }
    if (path.length === 3 && path[0] === "hostedzone" && path[2] === "rrset") {
      const zoneId = path[1] as string;
      if (req.method === "GET") {
        const out = await zones.listResourceRecordSets({
          HostedZoneId: zoneId,
          ...(q.get("name") === null ? {} : { StartRecordName: q.get("name") as string }),
          ...(q.get("type") === null ? {} : { StartRecordType: q.get("type") as "TXT" }),
          ...(q.get("maxitems") === null ? {} : { MaxItems: num(q.get("maxitems")) }),
        });
        return await send(200, "ListResourceRecordSetsResponse", {
          ResourceRecordSets: { ResourceRecordSet: (out.ResourceRecordSets ?? []).map(recordSetXml) },
          IsTruncated: String(out.IsTruncated),
          ...(out.NextRecordName === undefined
            ? {}
            : { NextRecordName: out.NextRecordName, NextRecordType: out.NextRecordType }),
          MaxItems: String(out.MaxItems),
        });
      }
      if (req.method === "POST") {
        const batch = (
          (await parseXml(req.body)).ChangeResourceRecordSetsRequest as
            | { ChangeBatch?: { Comment?: unknown; Changes?: { Change?: unknown[] } } }
            | undefined
        )?.ChangeBatch;
        const changes = (batch?.Changes?.Change ?? []).map((c) => changeFromXml(c as Record<string, unknown>));
        const out = await zones.changeResourceRecordSets({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: changes,
            ...(batch?.Comment === undefined ? {} : { Comment: String(batch.Comment) }),
          },
        });
        return await send(200, "ChangeResourceRecordSetsResponse", {
          ChangeInfo: changeXml(out.ChangeInfo as ChangeInfo),
        });
      }
    }
    if (req.method === "GET" && path.length === 2 && path[0] === "change") {
      const out = await zones.getChange({ Id: path[1] as string });
      return await send(200, "GetChangeResponse", { ChangeInfo: changeXml(out.ChangeInfo as ChangeInfo) });
    }
    return await route53Error(
      404,
      "UnknownOperationException",
      `The local Route 53 does not serve ${req.method} ${url.pathname}`,
      requestId,
    );
  } catch (e) {
    const err = e instanceof Route53Error ? e : new Route53Error("InvalidInput", (e as Error).message);
    const status =
      err.name === "NoSuchHostedZone" || err.name === "NoSuchChange"
        ? 404
        : err.name === "HostedZoneAlreadyExists"
          ? 409
          : 400;
    return route53Error(status, err.name, err.message, requestId, err.messages);
  }
}

/** Every zone, in Route 53's order (by reversed name). */
async function allZones(zones: LocalHostedZones): Promise<HostedZone[]> {
  const out: HostedZone[] = [];
  let page = await zones.listHostedZonesByName({ MaxItems: 100 });
  out.push(...(page.HostedZones ?? []));
  while (page.IsTruncated === true) {
    page = await zones.listHostedZonesByName({
      DNSName: page.NextDNSName,
      HostedZoneId: page.NextHostedZoneId,
      MaxItems: 100,
    });
    out.push(...(page.HostedZones ?? []));
  }
  return out;
}

async function parseXml(body: Buffer): Promise<Record<string, unknown>> {
  if (body.length > MAX_BODY) throw new Route53Error("InvalidInput", "The request body is too large.");
  const { XMLParser } = await loadFxp();
  return new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === "Change" || name === "ResourceRecord",
  }).parse(body.toString("utf8")) as Record<string, unknown>;
}

function changeFromXml(c: Record<string, unknown>): Change {
  const s = (c.ResourceRecordSet ?? {}) as Record<string, unknown>;
  const records = (
    (s.ResourceRecords as { ResourceRecord?: Array<{ Value?: unknown }> } | undefined)?.ResourceRecord ?? []
  ).map((r) => ({ Value: String(r.Value ?? "") }));
  const alias = s.AliasTarget as
    | { HostedZoneId?: unknown; DNSName?: unknown; EvaluateTargetHealth?: unknown }
    | undefined;
  const set: ResourceRecordSet = {
    Name: String(s.Name ?? ""),
    Type: String(s.Type ?? "") as "TXT",
    ...(s.SetIdentifier === undefined ? {} : { SetIdentifier: String(s.SetIdentifier) }),
    ...(s.TTL === undefined ? {} : { TTL: Number(s.TTL) }),
    ...(records.length === 0 ? {} : { ResourceRecords: records }),
    ...(alias === undefined
      ? {}
      : {
          AliasTarget: {
            HostedZoneId: String(alias.HostedZoneId ?? ""),
            DNSName: String(alias.DNSName ?? ""),
            EvaluateTargetHealth: String(alias.EvaluateTargetHealth) === "true",
          },
        }),
  };
  return { Action: String(c.Action ?? "") as "UPSERT", ResourceRecordSet: set };
}

function zoneXml(z: HostedZone) {
  return {
    Id: z.Id,
    Name: z.Name,
    CallerReference: z.CallerReference,
    Config: {
      ...(z.Config?.Comment === undefined ? {} : { Comment: z.Config.Comment }),
      PrivateZone: String(z.Config?.PrivateZone ?? false),
    },
    ResourceRecordSetCount: String(z.ResourceRecordSetCount ?? 0),
  };
}

function changeXml(c: ChangeInfo) {
  return {
    Id: c.Id,
    Status: c.Status,
    SubmittedAt: (c.SubmittedAt ?? new Date()).toISOString(),
    ...(c.Comment === undefined ? {} : { Comment: c.Comment }),
  };
}

function recordSetXml(s: ResourceRecordSet) {
  return {
    Name: s.Name,
    Type: s.Type,
    ...(s.SetIdentifier === undefined ? {} : { SetIdentifier: s.SetIdentifier }),
    ...(s.TTL === undefined ? {} : { TTL: String(s.TTL) }),
    ...(s.ResourceRecords === undefined
      ? {}
      : { ResourceRecords: { ResourceRecord: s.ResourceRecords.map((r) => ({ Value: r.Value })) } }),
    ...(s.AliasTarget === undefined
      ? {}
      : {
          AliasTarget: {
            HostedZoneId: s.AliasTarget.HostedZoneId,
            DNSName: s.AliasTarget.DNSName,
            EvaluateTargetHealth: String(s.AliasTarget.EvaluateTargetHealth ?? false),
          },
        }),
  };
}
