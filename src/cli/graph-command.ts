import { graphToJson, graphToText } from '../graph/serialize';
import { loadInput } from '../load-input';
import { VERSION } from '../version';
import { CliIo, formatDiagnostic, hasErrors, orderedVariables, writeOut } from './io';

export interface GraphArgs {
  path: string;
  format: 'json' | 'text';
  output?: string;
  'max-file-size': number;
  rawArgv: string[];
}

export async function graphCommand(args: GraphArgs, io: CliIo): Promise<number> {
  const input = await loadInput(args.path, {
    variables: orderedVariables(args.rawArgv),
    env: io.env,
    cwd: io.cwd,
    limits: { maxFileBytes: Math.round(args['max-file-size'] * 1024 * 1024) },
  });
  let text: string;
  if (args.format === 'json') {
    const doc = {
      schemaVersion: 1,
      tool: { name: 'tomguard', version: VERSION },
      input: { kind: input.kind, path: input.path },
      ...graphToJson(input.graph),
      errors: input.diagnostics,
    };
    text = JSON.stringify(doc, null, 2) + '\n';
  } else {
    text = graphToText(input.graph);
    for (const d of input.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
  }
  writeOut(text, args.output, io.cwd, io.stdout);
  return hasErrors(input.diagnostics) ? 2 : 0;
}
