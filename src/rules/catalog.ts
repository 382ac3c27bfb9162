/**
 * The rule IDs of the catalog (shared/spec/rules.md): a public contract. Users write them in
 * suppressions, baselines and profiles, so they are accepted there even before a rule ships.
 * tests/rules/catalog.test.ts checks this list against rules.md.
 */
function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `TG-${prefix}-${String(i + 1).padStart(3, '0')}`);
}

export const CATALOG_IDS: ReadonlySet<string> = new Set([
  ...ids('TLS', 8),
  ...ids('ENC', 10),
  ...ids('NET', 8),
  ...ids('IAM', 7),
  ...ids('LOG', 6),
  ...ids('BAK', 4),
  ...ids('SYS', 2),
]);
