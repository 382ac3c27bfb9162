/**
 * `.tomguard.yml` (or `.tomguard.yaml`): the same options as the command line, found upward from the
 * first scanned path. Command-line options win over it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './io';

export const CONFIG_NAMES = ['.tomguard.yml', '.tomguard.yaml'];

export function findConfigFile(startPath: string, cwd: string): string | undefined {
  let dir = path.resolve(cwd, startPath);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads the config as a flat object of option names to values; problems are usage errors (exit 2). */
export function readConfigFile(file: string, knownOptions: ReadonlySet<string>): Record<string, unknown> {
  let data: unknown;
  try {
    // yaml only when a config file exists: most scans have none.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    data = (require('yaml') as typeof import('yaml')).parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: must be a mapping of option names to values (e.g. "fail-on: high").`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (!knownOptions.has(name)) throw new UsageError(`${file}: unknown option "${key}". Known options: ${[...knownOptions].sort().join(', ')}.`);
    out[name] = value;
  }
  return out;
}
