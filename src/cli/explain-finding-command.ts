/** `tomguard explain RULE --finding FILE:LINE [PATH...]`: the one explain that scans. */
import * as path from 'node:path';
import { findRule } from '../../rules';
import { scan } from '../engine/scan';
import { findRoots } from '../engine/recursive';
import { Finding } from '../report/findings';
import { CliIo, UsageError, hasErrors, formatDiagnostic } from './io';
import { CliVariable } from '../config/variables';

export interface ExplainFindingArgs {
  ruleId: string;
  /** `FILE:LINE` as text output prints it. */
  finding: string;
  paths: string[];
  recursive: boolean;
  variables: CliVariable[];
}

/**
 * `tomguard explain RULE --finding FILE:LINE [PATH...]`: scans again with that rule only and prints the
 * whole story of the results at that place, which text output shortens: the full message, every part,
 * where the deciding value came from, and the fix.
 */
export async function explainFindingCommand(args: ExplainFindingArgs, io: CliIo): Promise<number> {
  const rule = findRule(args.ruleId);
  if (!rule) throw new UsageError(`Unknown rule ${args.ruleId}. Run "tomguard rules" for the list.`);
  const m = /^(.+):(\d+)$/.exec(args.finding);
  if (!m) throw new UsageError(`--finding needs FILE:LINE as the scan prints it (e.g. main.tf:12), got "${args.finding}".`);
  const [, file, line] = m;
  const want = path.relative(io.cwd, path.resolve(io.cwd, file)).split(path.sep).join('/');
  let paths = args.paths.length > 0 ? args.paths : ['.'];
  if (args.recursive) paths = (await Promise.all(paths.map((p) => findRoots(p, io.cwd)))).flat();
  const report = await scan(paths, { rules: [rule], variables: args.variables, env: io.env, cwd: io.cwd });
  const hits = report.findings.filter((f) => f.file === want && f.startLine !== undefined && f.startLine <= Number(line) && Number(line) <= (f.endLine ?? f.startLine));
  if (hits.length === 0) {
    for (const e of report.errors) io.stderr(formatDiagnostic(e) + '\n');
    io.stderr(`No ${rule.meta.id} result at ${want}:${line} when scanning ${paths.join(', ')} (give the root it belongs to as PATH).\n`);
    return hasErrors(report.errors) ? 2 : 1;
  }
  io.stdout(hits.map(describeFinding).join('\n'));
  return 0;
}

const MARK: Record<string, string> = { fail: '✗', pass: '✓', unknown: '?', 'not-evidenced': '?' };

function describeFinding(f: Finding): string {
  const lines = [
    `${f.ruleId} ${f.status}${f.suppressed ? ' (suppressed)' : ''}  ${f.resource ?? ''}${f.root !== undefined ? `  (root ${f.root})` : ''}`,
    `  at ${f.file}:${f.startLine}${f.endLine && f.endLine !== f.startLine ? `-${f.endLine}` : ''}${f.attribute ? ` (${f.attribute})` : ''}`,
    `  ${f.details?.message ?? f.message}`,
  ];
  for (const p of f.parts ?? []) lines.push(`    ${MARK[p.status]} ${p.name}: ${p.message}`);
  if (f.details?.origins) lines.push(`  the value came through: ${f.details.origins.join('; ')}`);
  if (f.suppression) lines.push(`  suppressed: ${f.suppression.reason ?? 'no reason given'} (${f.suppression.at})`);
  if (f.fix) lines.push(`  fix: ${f.fix}`);
  return lines.join('\n') + '\n';
}
