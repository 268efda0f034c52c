import { generateKeyPairSync, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { Db } from "../store/database.js";
import { getOrInitMeta } from "../store/meta.js";

/**
 * The simulator's own certificate authority: generated once per store (node-forge for the X.509
 * work, node:crypto for the keys), kept in the store, and printed by `wmctl local ca` so clients
 * can trust the simulator's HTTPS endpoints (`--ca-file`, `curl --cacert`).
 */
export interface CaMaterial {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export const CA_KEY = "tls.ca";

type Forge = typeof import("node-forge");
let forgeModule: Promise<Forge> | undefined;
const loadForge = () =>
  (forgeModule ??= import("node-forge").then(
    (m) => (m as unknown as { default: Forge }).default ?? (m as unknown as Forge),
  ));

function rsaKeyPem(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function serial(): string {
  // A positive 16-byte serial number (the high bit cleared).
  const b = randomBytes(16);
  b[0] = (b[0] as number) & 0x7f;
  return b.toString("hex");
}

function generateCa(forge: Forge): CaMaterial {
  const keys = rsaKeyPem();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + 10 * 365 * 24 * 3600_000);
  const subject = [
    { name: "commonName", value: `wmctl local simulator CA ${randomBytes(4).toString("hex")}` },
    { name: "organizationName", value: "wmctl local simulator" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: lf(forge.pki.certificateToPem(cert)), keyPem: keys.privatePem };
}

/** forge writes PEM with CRLF line ends; files and terminals want LF. */
const lf = (pem: string) => pem.replace(/\r\n/g, "\n");

/** The store's CA, created on first use (the first process to write it wins). */
export async function localCa(db: Db): Promise<CaMaterial> {
  const forge = await loadForge();
  const ca = getOrInitMeta<CaMaterial>(db, CA_KEY, () => generateCa(forge));
  return { certPem: lf(ca.certPem), keyPem: ca.keyPem };
}

/** A server certificate for these names (DNS names and IP addresses), signed by the CA, valid for a year. */
export async function issueCertificate(
  ca: CaMaterial,
  names: readonly string[],
  options: { validDays?: number; notBefore?: Date } = {},
): Promise<IssuedCertificate> {
  const forge = await loadForge();
  const keys = rsaKeyPem();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  const start = options.notBefore ?? new Date(Date.now() - 3600_000);
  cert.validity.notBefore = start;
  cert.validity.notAfter = new Date(start.getTime() + (options.validDays ?? 365) * 24 * 3600_000);
  cert.setSubject([{ name: "commonName", value: names[0] ?? "localhost" }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: names.map((n) => (isIP(n) === 0 ? { type: 2, value: n } : { type: 7, ip: n })),
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: lf(forge.pki.certificateToPem(cert)), keyPem: keys.privatePem };
}
