/** Loads a Terraform root (files, or a plan file among them) and adapts its AWS models, for adapter tests. */
import { loadInput } from '../../../src/load-input';
import { AwsModels, awsModels } from '../../../src/providers/aws';
import type { SourceLocation } from '../../../src/graph/model';
import { writeTree } from '../../helpers/tmp-tree';

export async function modelsOf(files: Record<string, string>, input?: string): Promise<AwsModels> {
  const root = writeTree(files);
  const loaded = await loadInput(input ? `${root}/${input}` : root, { cwd: root, env: {}, variables: [] });
  return awsModels(loaded.graph);
}

/** `line:column` of a leaf's location, the way the tests pin it. */
export function at(leaf: { location?: SourceLocation } | undefined): string | undefined {
  const loc = leaf?.location;
  return loc ? `${loc.startLine}:${loc.startColumn}` : undefined;
}
