/** Loads a small Terraform root (or a plan in it) and returns its AWS models, for adapter tests. */
import { loadInput } from '../../../src/load-input';
import { AwsModels, awsModels } from '../../../src/providers/aws';
import { writeTree } from '../../helpers/tmp-tree';

export async function loadModels(files: Record<string, string>, input?: string, vars: Record<string, string> = {}): Promise<AwsModels> {
  const root = writeTree(files);
  const loaded = await loadInput(input ? `${root}/${input}` : root, {
    cwd: root,
    env: {},
    variables: Object.entries(vars).map(([name, value]) => ({ kind: 'var' as const, name, value })),
  });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return awsModels(loaded.graph);
}

/** `line:column` of a leaf or resource location, for exact range assertions. */
export function at(loc: { startLine: number; startColumn?: number } | undefined): string | undefined {
  return loc ? `${loc.startLine}:${loc.startColumn}` : undefined;
}
