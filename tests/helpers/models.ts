/** Loads a small Terraform root (or a plan in it) and returns its AWS models, for adapter tests. */
import { loadInput } from '../../src/load-input';
import { AwsModels, awsModels } from '../../src/providers/aws';
import { writeTree } from './tmp-tree';

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

type Location = { startLine: number; startColumn?: number };

/** `line:column` of a location, or of a leaf's or resource's location, for exact range assertions. */
export function at(where: Location | { location?: Location } | undefined): string | undefined {
  const loc = where && 'startLine' in where ? where : where?.location;
  return loc ? `${loc.startLine}:${loc.startColumn}` : undefined;
}
