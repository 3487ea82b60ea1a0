import { isLocalUrl } from "../config";

/** Why an endpoint URL is refused (a 400 with field `url`), or undefined when it may be used. */
export type EndpointUrlProblem = string | undefined;

const MAX_URL_LENGTH = 2048;
const PRIVATE = "must not be a private, loopback or link-local address";

/**
 * Endpoints are https:// on a public address: never a private, loopback, link-local or
 * otherwise special IP literal, nor a name that stays on a local network (localhost, a
 * single label, .local, .internal). Exception, as for links: when the service itself runs on
 * localhost, http(s)://localhost, 127.0.0.1 and [::1] are allowed, so a developer (and the
 * tests) can receive them. Names are not resolved: Workers' fetch cannot reach private
 * networks by name anyway.
 */
export function endpointUrlProblem(raw: string, serviceIsLocal: boolean): EndpointUrlProblem {
  if (raw.length > MAX_URL_LENGTH) return `at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  if (url.hash) return "must not have a fragment";
  if (serviceIsLocal && isLocalUrl(url) && (url.protocol === "http:" || url.protocol === "https:")) return undefined;
  if (url.protocol !== "https:") return "must be an https:// URL";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) return isPublicIpv6(host.slice(1, -1)) ? undefined : PRIVATE;
  if (/^[\d.]+$/.test(host)) return isPublicIpv4(host) ? undefined : PRIVATE;
  if (!host.includes(".") || /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/.test(host)) return "must be a public host name";
  return undefined;
}

/** The URL parser has already made any IPv4 form (hex, octal, one number) dotted-decimal. */
function isPublicIpv4(host: string): boolean {
  const parts = host.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a, b, c] = parts as [number, number, number, number];
  return !(
    a === 0 || a === 10 || a === 127 || a >= 224 || // this network, private, loopback, multicast and reserved
    (a === 100 && b >= 64 && b <= 127) || // shared address space (carrier NAT)
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, documentation
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

/**
 * Only global unicast (2000::/3) counts, less documentation (2001:db8::/32) and the ranges that
 * carry an IPv4 address inside (Teredo 2001::/32, 6to4 2002::/16): loopback, unspecified,
 * unique-local, link-local, multicast, IPv4-mapped and NAT64 all fall outside it.
 */
function isPublicIpv6(host: string): boolean {
  const groups = expandIpv6(host);
  if (!groups) return false;
  const [g0, g1] = groups as [number, number];
  if ((g0 & 0xe000) !== 0x2000) return false;
  return !((g0 === 0x2001 && (g1 === 0x0db8 || g1 === 0)) || g0 === 0x2002);
}

function expandIpv6(host: string): number[] | undefined {
  if (host.includes(".")) return undefined; // an embedded IPv4 form: never a global unicast address here
  const [head, tail, ...rest] = host.split("::");
  if (rest.length) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
