/**
 * Reads and checks a TOM profile (YAML or JSON) against the shipped JSON Schema. Every problem is
 * reported with its location in the file and a plain sentence; nothing half-valid is used.
 */
import * as fs from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { betterAjvErrors } from '@apideck/better-ajv-errors';
import { LineCounter, isMap, isScalar, isSeq, Node as YamlNode, parseDocument, visit } from 'yaml';
import { Diagnostic } from '../diagnostics';
import { MAX_PROFILE_NESTING, yamlTooDeepAt } from '../nesting-depth';
import { lineColumnAt } from '../plan/read-json';
import { ALL_RULES } from '../../rules';
import { RuleParameters } from '../rules/parameters';
import { parameterCatalog, profileParameters } from './rule-parameters';
import { PROFILE_SCHEMA } from './profile-schema';
import { validate as generatedValidate } from '../generated/profile-validator';
import { AccountDefinition, ClaimDefinition, Exemption, Profile, REFERENCE_PROFILE } from './reference-profile';

interface ProfileDocument {
  name: string;
  description?: string;
  extends?: 'reference';
  claims?: ClaimDefinition[];
  outOfScope?: Array<{ section: string; title: string }>;
  parameters?: Record<string, unknown>;
  exemptions?: Array<Omit<Exemption, 'rules'> & { rules?: string[] }>;
  accounts?: AccountDefinition[];
}


/** Precompiled by ajv (scripts/generate-validators.ts); the schema itself is still needed for the error wording. */
const validator = generatedValidate as unknown as ValidateFunction;

type SchemaError = { path: string; message: string; suggestion?: string };

/**
 * better-ajv-errors words schema errors well, but some inputs defeat it: it throws on some shapes and
 * drops errors about keys such as `constructor` (it looks them up on plain objects). Then each of ajv's
 * own errors is given in the same form, so a rejected profile always says why.
 */
function readableSchemaErrors(data: unknown, errors: ErrorObject[]): SchemaError[] {
  try {
    const better = betterAjvErrors({ schema: PROFILE_SCHEMA as never, data, errors, basePath: 'profile' });
    if (better.length > 0) return better;
  } catch {
    // fall through to ajv's own errors
  }
  return errors.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? `: '${String((e.params as { additionalProperty?: unknown }).additionalProperty)}'` : '';
    const path = e.instancePath.split('/').slice(1).map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
    return { path: `profile${path}`, message: `${e.message ?? 'is not valid'}${extra}` };
  });
}

function firstAliasLine(doc: ReturnType<typeof parseDocument>, counter: LineCounter): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** The line of a JSON pointer in the YAML/JSON source, for messages. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, pointer: string): number | undefined {
  const segments = pointer.split('/').filter(Boolean);
  let node: YamlNode | null | undefined = doc.contents as YamlNode;
  let keyNode: YamlNode | undefined;
  for (const seg of segments) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      keyNode = pair?.key as YamlNode | undefined;
      node = pair?.value as YamlNode | undefined;
    } else if (isSeq(node)) {
      node = node.get(Number(seg), true) as YamlNode | undefined;
    } else break;
  }
  // A mapping entry is shown at its key (`backup_min_days:`), a list item at the item.
  const offset = keyNode?.range?.[0] ?? node?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

export interface ProfileLoad {
  profile?: Profile;
  problems: Diagnostic[];
}

export function loadProfile(file: string, shown: string, knownRules: ReadonlySet<string>): ProfileLoad {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { problems: [{ file: shown, message: `Cannot read profile ${shown}: ${(err as Error).message}`, severity: 'error' }] };
  }
  const counter = new LineCounter();
  const deep = yamlTooDeepAt(text, MAX_PROFILE_NESTING);
  if (deep !== undefined) {
    return { problems: [{ file: shown, ...lineColumnAt(text, deep), message: `Nested more than ${MAX_PROFILE_NESTING} levels deep here; a profile needs at most five, so it is not read.`, severity: 'error' }] };
  }
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? counter.linePos(e.pos[0]);
        return { file: shown, line: pos.line, column: pos.col, message: `Not valid YAML/JSON: ${e.message.split('\n')[0]}`, severity: 'error' as const };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // Aliases are resolved only here: an alias with no anchor before it, or too many (an alias bomb).
    return { problems: [{ file: shown, line: firstAliasLine(doc, counter), message: `Not valid YAML/JSON: ${(err as Error).message}`, severity: 'error' }] };
  }
  if (!validator(data)) {
    const errors = readableSchemaErrors(data, validator.errors ?? []);
    return {
      problems: errors.map((e) => {
        const pointer = e.path.replace(/^profile/, '').replace(/\./g, '/').replace(/\[(\d+)\]/g, '/$1');
        const where = pointer || '/';
        // The formatter words most errors well; its fallback repeats the path, which is said already.
        const message = e.message.replace(/^profile[\w.[\]]* must have required property '([^']+)'$/, "'$1' property is missing").replace(/^profile[\w.[\]]* /, '');
        return { file: shown, line: lineOf(doc, counter, pointer), message: `${where}: ${message}${e.suggestion ? ` (${e.suggestion})` : ''}`, severity: 'error' as const };
      }),
    };
  }
  const p = data as ProfileDocument;
  const problems: Diagnostic[] = [];
  const base = p.extends === 'reference' || !p.claims ? REFERENCE_PROFILE : undefined;
  const claims = p.claims ?? base?.claims ?? [];
  for (const [i, c] of claims.entries()) {
    for (const id of c.rules) {
      if (!knownRules.has(id)) problems.push({ file: shown, line: lineOf(doc, counter, `/claims/${i}/rules`), message: `/claims/${i}/rules: unknown rule ${id} (run "tomguard rules" for the list)`, severity: 'error' });
    }
  }
  const ids = claims.map((c) => c.id);
  for (const dup of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push({ file: shown, message: `/claims: the claim id "${dup}" is used twice`, severity: 'error' });
  for (const [i, e] of (p.exemptions ?? []).entries()) {
    for (const id of e.rules ?? []) {
      if (!knownRules.has(id)) problems.push({ file: shown, line: lineOf(doc, counter, `/exemptions/${i}/rules`), message: `/exemptions/${i}/rules: unknown rule ${id}`, severity: 'error' });
    }
  }
  const accountNames = (p.accounts ?? []).map((a) => a.name);
  for (const dup of accountNames.filter((n, i) => accountNames.indexOf(n) !== i)) problems.push({ file: shown, line: lineOf(doc, counter, '/accounts'), message: `/accounts: the account name "${dup}" is used twice`, severity: 'error' });
  if (problems.length > 0) return { problems };
  const parameters: RuleParameters = profileParameters(parameterCatalog(ALL_RULES), p.parameters ?? {});
  return {
    problems,
    profile: {
      name: p.name,
      source: shown,
      description: p.description,
      claims,
      outOfScope: p.outOfScope ?? base?.outOfScope ?? [],
      parameters,
      exemptions: (p.exemptions ?? []).map((e) => ({ ...e, rules: e.rules ?? [] })),
      ...(p.accounts ? { accounts: p.accounts } : {}),
    },
  };
}

