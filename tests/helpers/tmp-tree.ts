import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes files (path → content) under a fresh temporary directory and returns its path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}
