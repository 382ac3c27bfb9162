/**
 * Estates (rules.md v1.2): several roots scanned together are one estate, split into AWS accounts when
 * the profile lists them. Existence claims (a trail, a detector, a password policy, alerting) are
 * account-wide facts, so evidence in any root of an account counts for every root of it, and a
 * missing one is reported once per account instead of once per root.
 */
import { GraphNode } from '../graph/model';
import { AccountDefinition } from '../profile/reference-profile';
import { Finding } from '../report/findings';
import { AccountView } from '../rules/types';
import { normalizeRoot } from '../root-path';

/** The implicit account of roots that a profile's `accounts` do not list. */
export const UNLISTED_ACCOUNT = '(roots not listed in the profile accounts)';

/** `live/*\/prod`, `envs/**` → a regular expression over `/`-separated root paths. */
export function rootGlob(glob: string): RegExp {
  const norm = normalizeRoot(glob);
  let re = '';
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i];
    if (c === '*' && norm[i + 1] === '*') {
      // `**/` also matches no folder at all.
      re += norm[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += norm[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The account of each root: the first profile account whose globs match it. Without accounts, one (''). */
export function accountsOf(roots: readonly string[], accounts: readonly AccountDefinition[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const compiled = (accounts ?? []).map((a) => ({ name: a.name, res: a.roots.map(rootGlob) }));
  for (const root of roots) {
    if (compiled.length === 0) {
      out.set(root, '');
      continue;
    }
    const norm = normalizeRoot(root);
    out.set(root, compiled.find((a) => a.res.some((re) => re.test(norm)))?.name ?? UNLISTED_ACCOUNT);
  }
  return out;
}

/** What the rules of one root may see of the other roots of its account. */
export function accountView(graphs: ReadonlyArray<{ root: string; nodes: (types: readonly string[]) => GraphNode[] }>): AccountView {
  return {
    roots: graphs.length,
    resources: (types) => graphs.flatMap((g) => g.nodes(types).map((node) => ({ node, root: g.root }))),
  };
}

/**
 * Existence results over an account: when any root of the account shows the resource (whatever its
 * verdict), the other roots' `not-evidenced` results go; when none does, one `not-evidenced` result
 * stands for the whole account.
 */
export function judgeExistence(findings: Finding[], existenceRules: ReadonlySet<string>, accountOfRoot: ReadonlyMap<string, string>, namedAccounts: boolean): Finding[] {
  const evidenced = new Set<string>();
  const accountOf = (f: Finding) => accountOfRoot.get(f.root ?? '') ?? '';
  for (const f of findings) {
    if (existenceRules.has(f.ruleId) && f.status !== 'not-evidenced') evidenced.add(`${f.ruleId}|${accountOf(f)}`);
  }
  const rootsOf = new Map<string, string[]>();
  for (const [root, account] of accountOfRoot) rootsOf.set(account, [...(rootsOf.get(account) ?? []), root]);
  const reported = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!existenceRules.has(f.ruleId) || f.status !== 'not-evidenced') {
      out.push(f);
      continue;
    }
    const account = accountOf(f);
    const key = `${f.ruleId}|${account}`;
    if (evidenced.has(key) || reported.has(key)) continue;
    reported.add(key);
    const roots = rootsOf.get(account) ?? [];
    if (roots.length <= 1 && !namedAccounts) {
      out.push(f);
      continue;
    }
    // One result for the account: it is about no single root.
    const { root: _root, ...rest } = f;
    void _root;
    const scope = namedAccounts ? `account ${account} (${plural(roots.length, 'root')})` : `any of the ${roots.length} roots scanned`;
    out.push({ ...rest, ...(namedAccounts ? { account } : {}), message: `${f.message}; checked across ${scope}` });
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
