import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a webhook must never reach: this machine, the cloud metadata service, private networks and
 * other non-public ranges. A webhook URL is chosen by an organisation's admin, so without this the server
 * would probe its own network for them (SSRF).
 */
const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255
] as const) {
  internal.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback ::1 and the old IPv4-compatible form
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const) {
  internal.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address inside an IPv6 one that carries it (::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), if any. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (!m) return null;
  if (m[1]) return m[1];
  const n = (Number.parseInt(m[2], 16) << 16) | Number.parseInt(m[3], 16);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** True when `ip` (v4 or v6, without brackets) is not a public unicast address. Unparseable counts as internal. */
export function isInternalAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return internal.check(ip, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(ip);
  if (v4) return internal.check(v4, "ipv4");
  return internal.check(ip, "ipv6");
}

/** A URL's host name as compared and resolved: lower case, without IPv6 brackets or a trailing dot. */
export function normalizeHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/** Resolves a host name to all its addresses (tests pass their own). */
export type TLookup = (host: string) => Promise<string[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address of the answer. */
export const systemLookup: TLookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Why a webhook address was not used. */
export class WebhookAddressError extends Error {
  readonly category: "refused_address" | "dns";
  constructor(category: "refused_address" | "dns", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.category = category;
  }
}

export interface ResolveWebhookHostOptions {
  /** Host names (or addresses) the operator allows even though they are internal (WEBHOOK_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  lookup?: TLookup;
}

/**
 * Resolves a webhook host once and checks every address of the answer; returns the one to connect to, so
 * the connection goes to the address that was checked (a second, different DNS answer cannot swap it in).
 * Throws a WebhookAddressError: `refused_address` when any address is internal, `dns` when it does not resolve.
 */
export async function resolveWebhookHost(
  hostname: string,
  { allowHosts = [], lookup = systemLookup }: ResolveWebhookHostOptions = {},
): Promise<string> {
  const host = normalizeHost(hostname);
  const allowed = allowHosts.includes(host);
  if (isIP(host)) {
    if (!allowed && isInternalAddress(host))
      throw new WebhookAddressError("refused_address", `${host} is internal`);
    return host;
  }
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (err) {
    throw new WebhookAddressError("dns", `${host} did not resolve`, { cause: err });
  }
  if (!addresses.length) throw new WebhookAddressError("dns", `${host} has no address`);
  const bad = addresses.find((a) => isInternalAddress(a));
  if (bad && !allowed)
    throw new WebhookAddressError("refused_address", `${host} resolves to internal ${bad}`);
  return addresses[0];
}
