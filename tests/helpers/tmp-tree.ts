import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const created: string[] = [];
let cleanupRegistered = false;

/** Writes files (path → content) under a fresh temporary directory and returns its path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-test-'));
  created.push(root);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    // Removed when the test worker exits, so repeated runs do not fill the temp directory.
    process.on('exit', () => {
      for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
    });
  }
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}
