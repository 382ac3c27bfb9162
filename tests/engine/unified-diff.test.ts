import { parseUnifiedDiff, unquotePath } from '../../src/engine/unified-diff';
import { ChangeSet } from '../../src/engine/change-set';
import { moduleCallAddresses, originLines } from '../../src/engine/new-results';

const DIFF = [
  'diff --git a/main.tf b/main.tf',
  'index 1111111..2222222 100644',
  '--- a/main.tf',
  '+++ b/main.tf',
  '@@ -6,0 +7 @@ resource "aws_db_instance" "b" {',
  '+  tags = { team = "x" }',
  '@@ -9,3 +9,0 @@',
  '-resource "aws_cloudtrail" "main" {',
  '--- a line that reads like a header',
  '-}',
  '@@ -20,2 +18,3 @@',
  '-  a = 1',
  '-  b = 2',
  '+  a = 2',
  '+  b = 3',
  '+  c = 4',
  '\\ No newline at end of file',
  'diff --git a/old.tf b/new.tf',
  'similarity index 100%',
  'rename from old.tf',
  'rename to new.tf',
  'diff --git a/gone.tf b/gone.tf',
  'deleted file mode 100644',
  '--- a/gone.tf',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-resource aws_guardduty_detector main {',
  '-}',
  'diff --git "a/sp ace\\"q.tf" "b/sp ace\\"q.tf"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/sp ace\\"q.tf"',
  '@@ -0,0 +1,2 @@',
  '+x',
  '+y',
  '',
].join('\n');

describe('unified diff (git diff --unified=0)', () => {
  it('reads added ranges, deletion points, removed text, renames, deleted and quoted new files', () => {
    expect(parseUnifiedDiff(DIFF)).toEqual([
      { oldPath: 'main.tf', path: 'main.tf', added: [[7, 7], [18, 20]], deletedAfter: [9], removed: ['resource "aws_cloudtrail" "main" {', '-- a line that reads like a header', '}', '  a = 1', '  b = 2'] },
      { oldPath: 'old.tf', path: 'new.tf', added: [], deletedAfter: [], removed: [] },
      { oldPath: 'gone.tf', path: undefined, added: [], deletedAfter: [0], removed: ['resource aws_guardduty_detector main {', '}'] },
      { oldPath: undefined, path: 'sp ace"q.tf', added: [[1, 2]], deletedAfter: [], removed: [] },
    ]);
  });

  it('undoes git quoting, UTF-8 octal escapes included', () => {
    expect(unquotePath('"a/caf\\303\\251\\ttab.tf"')).toBe('a/café\ttab.tf');
    expect(unquotePath('plain.tf')).toBe('plain.tf');
  });
});

describe('ChangeSet.touches', () => {
  const changes = new ChangeSet('main', 'abc');
  changes.files.set('main.tf', { whole: false, added: [[7, 7]], deletedAfter: [20] });
  changes.files.set('new.tf', { whole: true, added: [], deletedAfter: [] });

  it('a block touches a changed line inside it, or a deletion strictly inside it', () => {
    expect(changes.touches('main.tf', 5, 8)).toBe(true);
    expect(changes.touches('main.tf', 7, 7)).toBe(true);
    expect(changes.touches('main.tf', 1, 6)).toBe(false);
    expect(changes.touches('main.tf', 18, 21)).toBe(true);
    // Lines deleted right after a block's last line were not in it.
    expect(changes.touches('main.tf', 15, 20)).toBe(false);
    expect(changes.touches('main.tf', 21, 25)).toBe(false);
  });

  it('every line of a new file is changed; unknown files and places are not', () => {
    expect(changes.touches('new.tf', 100, 100)).toBe(true);
    expect(changes.touches('other.tf', 1, 1)).toBe(false);
    expect(changes.touches(undefined, 1, 1)).toBe(false);
    expect(changes.touches('main.tf', undefined, undefined)).toBe(false);
  });
});

describe('ChangeSet.isNewRoot', () => {
  it('a root is new when the scanned paths held nothing at or below it at the base', () => {
    const changes = new ChangeSet('main', 'abc', '/repo');
    changes.addAtBase('envs/prod/main.tf');
    changes.addAtBase('plan.json');
    expect(['envs/prod', './envs/prod/', 'envs', '.', 'plan.json', '/repo/envs/prod'].map((r) => changes.isNewRoot(r))).toEqual([false, false, false, false, false, false]);
    expect(['envs/staging', 'envs/prod/sub', 'other.json', '/elsewhere/envs/prod'].map((r) => changes.isNewRoot(r))).toEqual([true, true, true, true]);
  });
});

describe('PR mode helpers', () => {
  it('module call addresses of a nested module instance', () => {
    expect(moduleCallAddresses('')).toEqual([]);
    expect(moduleCallAddresses('module.app')).toEqual(['module.app']);
    expect(moduleCallAddresses('module.a["x.y"].module.b[0].module.c')).toEqual(['module.a', 'module.a["x.y"].module.b', 'module.a["x.y"].module.b[0].module.c']);
  });

  it('the file and line of a value origin', () => {
    expect(originLines('var.enc (set in envs/prod/terraform.tfvars:3)')).toEqual([{ file: 'envs/prod/terraform.tfvars', line: 3 }]);
    expect(originLines('var.enc (set by module.db in main.tf:12)')).toEqual([{ file: 'main.tf', line: 12 }]);
    expect(originLines('var.enc (no value)')).toEqual([]);
  });
});
