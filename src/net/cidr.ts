/**
 * The one CIDR parser (ipaddr.js): Terraform's `cidr*` functions and the network models both read
 * addresses through here. IPv4 is accepted only in four-part decimal form, as Go's `net.ParseCIDR`
 * does (ipaddr.js alone would read `010.0.0.1` as octal).
 */
import * as ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface Cidr {
  version: 4 | 6;
  address: IpAddress;
  prefix: number;
}

function parseAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // `ipaddr.IPv6.isValid` also takes zone IDs (`fe80::1%eth0`), which no CIDR holds.
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR; a bare address is a host route (/32, /128) unless `requirePrefix`. */
export function parseCidr(text: string, requirePrefix = false): Cidr | undefined {
  const [addr, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || (requirePrefix && prefixText === undefined)) return undefined;
  const address = parseAddress(addr);
  if (!address) return undefined;
  const version = address.kind() === 'ipv4' ? 4 : 6;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix > max) return undefined;
  return { version, address, prefix };
}

/** Any CIDR with prefix length 0 is the whole address space: `0.0.0.0/0`, `::/0`, `1.2.3.4/0`, `/0`. */
export function isInternetCidr(cidr: string): boolean {
  return /\/\s*0+\s*$/.test(cidr.trim());
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.version !== b.version || a.prefix < b.prefix) return false;
  return (a.address as ipaddr.IPv4).match(b.address as ipaddr.IPv4, b.prefix);
}

/** RFC 1918 and RFC 6598 (carrier-grade NAT) ranges. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;

/** A CIDR inside RFC 1918, RFC 6598 or one of `vpcCidrs` (the VPC's own ranges, IPv4 or IPv6). */
export function isPrivateCidr(cidr: string, vpcCidrs: readonly string[] = []): boolean {
  if (isInternetCidr(cidr)) return false;
  return [...PRIVATE_RANGES, ...vpcCidrs].some((range) => cidrWithin(cidr, range));
}

/**
 * Terraform's `cidrhost`, `cidrnetmask`, `cidrsubnet` and `cidrsubnets` read prefixes with Go 1.16's
 * parser, kept for compatibility (Terraform's `internal/ipaddr`): IPv4 octets with leading zeros are
 * decimal (`010.0.0.0/8` is `10.0.0.0/8`), the prefix length is required and nothing around the
 * text is ignored. An IPv4 address ending an IPv6 one is its last 32 bits (`::1.2.3.4` is
 * `::102:304`), where ipaddr.js would read the deprecated form as IPv4-mapped.
 */
export function parseTerraformCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || text !== text.trim()) return undefined;
  const address = text.includes(':') ? embeddedIpv4AsHex(text.slice(0, slash)) : decimalOctets(text.slice(0, slash));
  return address === undefined ? undefined : parseCidr(`${address}${text.slice(slash)}`, true);
}

/** `010.0.0.1` as `10.0.0.1`; anything that is not four dot-separated digit runs stays as it is. */
function decimalOctets(text: string): string {
  if (!/^\d+(\.\d+){3}$/.test(text)) return text;
  return text
    .split('.')
    .map((octet) => octet.replace(/^0+(?=\d)/, ''))
    .join('.');
}

/** `::ffff:10.0.0.1` as `::ffff:a00:1`; undefined when the IPv4 part is not a valid address. */
function embeddedIpv4AsHex(text: string): string | undefined {
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (!tail.includes('.')) return text;
  const v4 = decimalOctets(tail);
  if (!ipaddr.IPv4.isValidFourPartDecimal(v4)) return undefined;
  const [a, b, c, d] = ipaddr.IPv4.parse(v4).octets;
  return `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** The address as an unsigned integer (32 or 128 bits), for arithmetic on networks and hosts. */
export function addressToBigInt(address: IpAddress): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

/** The inverse of `addressToBigInt`; IPv6 text is RFC 5952's (lowercase, longest zero run as `::`). */
export function bigIntToAddress(value: bigint, version: 4 | 6): IpAddress {
  const length = version === 4 ? 4 : 16;
  const bytes = Array.from({ length }, (_, k) => Number((value >> BigInt(8 * (length - 1 - k))) & 0xffn));
  return ipaddr.fromByteArray(bytes);
}
