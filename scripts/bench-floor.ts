/**
 * The "parsing alone" floor of the corpus row of `npm run bench`: HashiCorp's parser (`@cdktn/hcl2json`)
 * parsing every `.tf` file below a directory, one after the other in one process, and nothing else.
 *
 *   node dist/scripts/bench-floor.js DIR      (prints a JSON line: files, bytes, rejected)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every `.tf` file below `dir`, in a stable order (symlinks not followed, like a recursive scan). */
export function tfFilesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.terraform' || entry.name === '.git') continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith('.tf')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

async function main(dir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('@cdktn/hcl2json') as typeof import('@cdktn/hcl2json');
  let bytes = 0;
  let rejected = 0;
  const files = tfFilesBelow(dir);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    try {
      await parse(path.basename(file), text);
    } catch {
      rejected++;
    }
  }
  process.stdout.write(`${JSON.stringify({ files: files.length, bytes, rejected })}\n`);
}

if (require.main === module) {
  main(path.resolve(process.argv[2] ?? '.')).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`bench-floor failed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
