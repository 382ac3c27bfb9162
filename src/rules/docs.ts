/**
 * Long-form rule documentation lives in `docs/rules/<ID>.md` (as tflint-ruleset-aws and ESLint keep
 * theirs), not in the rule module: `explain`, SARIF rule help and `rules --format json` read it from
 * there. The package ships `docs/`; the GitHub Action runs from a checkout of this repository, where
 * `docs/rules` sits beside `action-dist/`. Pages are read on demand and cached, so a scan that renders
 * no rule help reads none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RuleReferences {
  checkov?: string[];
  trivy?: string[];
  kics?: string[];
  docs?: string[];
}

export interface RuleDoc {
  /** What the rule checks and why it matters for the claim (Markdown). */
  description: string;
  /** How to fix a failure, with a compliant HCL example (Markdown). */
  remediation: string;
  /** Equivalent checks of peer tools, and documentation links. */
  references: RuleReferences;
  /** The page's path, for messages. */
  file: string;
}

const REFERENCE_LABELS: Record<string, keyof RuleReferences> = { Checkov: 'checkov', Trivy: 'trivy', KICS: 'kics', Documentation: 'docs' };

let docsDir: string | undefined;

/** `docs/rules` of the nearest enclosing directory that has one (source tree, `dist/`, or the Action's checkout). */
export function ruleDocsDir(): string {
  if (docsDir) return docsDir;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return (docsDir = candidate);
    if (path.dirname(dir) === dir) throw new Error(`docs/rules was not found above ${__dirname}: the installation is incomplete.`);
  }
}

/** The `## Heading` sections of a page, by heading. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => current !== undefined && out.set(current, lines.join('\n').trim());
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^## (.+?)\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1];
      lines = [];
    } else lines.push(line);
  }
  flush();
  return out;
}

function parseReferences(text: string): RuleReferences {
  const refs: RuleReferences = {};
  for (const line of text.split('\n')) {
    const m = /^- ([^:]+): (.+)$/.exec(line.trim());
    const key = m && REFERENCE_LABELS[m[1]];
    if (key) refs[key] = m[2].split(',').map((s) => s.trim()).filter(Boolean);
  }
  return refs;
}

const cache = new Map<string, RuleDoc>();

/** The documentation page of rule `id`; a missing section reads as empty (the catalog test requires them all). */
export function ruleDoc(id: string): RuleDoc {
  const cached = cache.get(id);
  if (cached) return cached;
  const file = path.join(ruleDocsDir(), `${id}.md`);
  const page = sections(fs.readFileSync(file, 'utf8'));
  const doc: RuleDoc = {
    description: page.get('Description') ?? '',
    remediation: page.get('Remediation') ?? '',
    references: parseReferences(page.get('References') ?? ''),
    file,
  };
  cache.set(id, doc);
  return doc;
}
