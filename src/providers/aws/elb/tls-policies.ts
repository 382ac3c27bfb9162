/**
 * What each predefined TLS security policy allows, kept as data in `rules/data/tls-policies.json`
 * (AWS adds policies every year or two; the table changes there, not in rule code).
 */
import data from '../../../../rules/data/tls-policies.json';

/** The lowest protocol a policy accepts. `SSLv3` only occurs in legacy CloudFront/Classic ELB policies. */
export type TlsVersion = 'SSLv3' | '1.0' | '1.1' | '1.2' | '1.3';

/**
 * Which service's policy names: ELB/ALB/NLB listeners, CloudFront viewers, API Gateway domains,
 * OpenSearch, and the single protocols CloudFront may use towards custom origins.
 */
export type TlsPolicyFamily = 'elb' | 'cloudfront' | 'apigateway' | 'opensearch' | 'cloudfront_origin';

const ORDER: readonly TlsVersion[] = ['SSLv3', '1.0', '1.1', '1.2', '1.3'];

function isVersion(v: unknown): v is TlsVersion {
  return typeof v === 'string' && (ORDER as readonly string[]).includes(v);
}

function tableOf(family: TlsPolicyFamily): Map<string, TlsVersion> {
  const raw = (data as Record<string, unknown>)[family] as Record<string, unknown>;
  const table = new Map<string, TlsVersion>();
  for (const [name, version] of Object.entries(raw)) {
    if (!isVersion(version)) throw new Error(`rules/data/tls-policies.json: ${family}.${name} has an invalid version ${JSON.stringify(version)}`);
    table.set(name, version);
  }
  return table;
}

const TABLES: Record<TlsPolicyFamily, Map<string, TlsVersion>> = {
  elb: tableOf('elb'),
  cloudfront: tableOf('cloudfront'),
  apigateway: tableOf('apigateway'),
  opensearch: tableOf('opensearch'),
  cloudfront_origin: tableOf('cloudfront_origin'),
};

/** The lowest protocol version the named predefined policy accepts; undefined for a name not in the table. */
export function minTlsVersion(family: TlsPolicyFamily, name: string): TlsVersion | undefined {
  const table = TABLES[family];
  const exact = table.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [known, version] of table) if (known.toLowerCase() === lower) return version;
  return undefined;
}

/** True when `version` is TLS 1.2 or newer. */
export function isTls12Plus(version: TlsVersion): boolean {
  return ORDER.indexOf(version) >= ORDER.indexOf('1.2');
}

/**
 * Whether the named policy only accepts TLS >= 1.2: true/false for a known predefined policy or a
 * name the profile accepts (`acceptedExtra`, from `ctx.params.acceptedTlsPolicies`), undefined for
 * a name nobody knows (a rule reports that as `unknown`).
 */
export function acceptsOnlyTls12Plus(family: TlsPolicyFamily, name: string, acceptedExtra: readonly string[]): boolean | undefined {
  if (acceptedExtra.includes(name)) return true;
  const min = minTlsVersion(family, name);
  return min === undefined ? undefined : isTls12Plus(min);
}

/** `TLS 1.0`, `SSLv3`: a version as messages show it. */
export function showTlsVersion(version: TlsVersion): string {
  return version === 'SSLv3' ? 'SSLv3' : `TLS ${version}`;
}
