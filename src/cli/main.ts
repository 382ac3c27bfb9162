/** tomguard's command line. Returns the exit code instead of exiting, so tests can call it. */
import yargs, { Argv } from 'yargs';
import { graphCommand } from './graph-command';
import { CliIo, UsageError } from './io';
import { VERSION } from '../version';

export function defaultIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
  };
}

export function variableOptions<T>(y: Argv<T>) {
  return y
    .option('var', { type: 'string', array: true, describe: 'Set a Terraform variable: NAME=VALUE (repeatable)', requiresArg: true })
    .option('var-file', { type: 'string', array: true, describe: 'Read Terraform variables from a .tfvars(.json) file (repeatable)', requiresArg: true })
    .option('max-file-size', { type: 'number', default: 5, describe: 'Largest source file to read, in MB' });
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('tomguard')
    .version(VERSION)
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .command(
      'graph [path]',
      'Print the resource graph tomguard builds from a Terraform root or file (for debugging what it sees)',
      (y) =>
        variableOptions(y)
          .positional('path', { type: 'string', default: '.', describe: 'Terraform root directory or .tf/.tf.json file' })
          .option('format', { choices: ['json', 'text'] as const, default: 'json' as const, describe: 'Output format' })
          .option('output', { type: 'string', describe: 'Write to this file instead of stdout' }),
      async (args) => {
        exitCode = await graphCommand({ ...args, path: args.path ?? '.', rawArgv: argv }, io);
      },
    )
    .demandCommand(1, 'Name a command: graph (run tomguard --help for all commands).')
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof UsageError || (err as Error)?.name === 'YError') {
      io.stderr(`tomguard: ${(err as Error).message}\nRun "tomguard --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
  return exitCode;
}

