/** `tomguard rules` and `tomguard explain RULE` (`explain --finding` scans: explain-finding-command.ts). */
import { ALL_RULES, findRule } from '../../rules';
import { RuleMeta } from '../rules/types';
import { ruleDoc } from '../rules/docs';
import { CliIo, UsageError } from './io';

/** `rules --format json` keeps its shape: the metadata (not the message templates) with the page's description, remediation and references. */
function withDoc({ messages: _templates, ...meta }: RuleMeta) {
  const { description, remediation, references } = ruleDoc(meta.id);
  return { ...meta, description, remediation, references };
}

export function rulesCommand(format: 'text' | 'json', io: CliIo): number {
  if (format === 'json') {
    io.stdout(JSON.stringify(ALL_RULES.map((r) => withDoc(r.meta)), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...ALL_RULES.map((r) => r.meta.claim.length));
  for (const r of ALL_RULES) {
    io.stdout(`${r.meta.id}  ${r.meta.severity.padEnd(8)}  ${r.meta.claim.padEnd(width)}  ${r.meta.title}\n`);
  }
  return 0;
}

export function explainCommand(id: string, io: CliIo): number {
  const rule = findRule(id);
  if (!rule) {
    const near = ALL_RULES.filter((r) => r.meta.id.startsWith(id.toUpperCase().slice(0, 6))).map((r) => r.meta.id);
    throw new UsageError(`Unknown rule ${id}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''} Run "tomguard rules" for the list.`);
  }
  const m = rule.meta;
  const doc = ruleDoc(m.id);
  const refs = Object.entries(doc.references)
    .filter(([, v]) => v && v.length > 0)
    .map(([k, v]) => `- ${k}: ${v!.join(', ')}`);
  io.stdout(
    [
      `# ${m.id}: ${m.title}`,
      '',
      `Severity: ${m.severity}    Claim: ${m.claim}${m.existence ? '    (existence claim)' : ''}`,
      `Applies to: ${m.appliesTo.join(', ')}`,
      '',
      doc.description,
      '',
      '## Fix',
      '',
      doc.remediation,
      '',
      '## References',
      '',
      ...refs,
      '',
    ].join('\n'),
  );
  return 0;
}
