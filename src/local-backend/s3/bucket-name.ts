import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * S3's rules for general purpose bucket names (the S3 User Guide, "Bucket naming rules"): 3 to 63
 * characters; lowercase letters, digits, '.' and '-'; a letter or digit first and last; no two
 * adjacent periods; not an IP address; none of the reserved prefixes and suffixes. The WorkMail
 * model's own pattern ([A-Za-z0-9.-]+) lets `..` through, which as a folder name is the store's parent.
 *
 * Returns what is wrong with a name, or undefined when S3 would accept it.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "a bucket name has 3 to 63 characters";
  if (!/^[a-z0-9.-]+$/.test(name)) return "a bucket name holds only lowercase letters, digits, '.' and '-'";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return "a bucket name begins and ends with a letter or a digit";
  if (name.includes("..")) return "a bucket name has no two adjacent periods";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "a bucket name is not an IP address";
  const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
  if (prefix !== undefined) return `a bucket name does not begin with the reserved prefix ${prefix}`;
  const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) => name.endsWith(s));
  if (suffix !== undefined) return `a bucket name does not end with the reserved suffix ${suffix}`;
  return undefined;
}

/**
 * The file of `segments` under `dir`, or undefined when the joined path would leave `dir` (a `..`
 * segment, an absolute segment): the one check every path into a bucket folder goes through.
 */
export function pathInside(dir: string, ...segments: string[]): string | undefined {
  const root = resolve(dir);
  const path = resolve(root, ...segments);
  const rel = relative(root, path);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return path;
}
