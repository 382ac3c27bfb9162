/** `tomguard profile init [FILE]` and `tomguard profile validate FILE`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfile } from '../profile/load-profile';
import { CATALOG_IDS } from '../rules/catalog';
import { STARTER_PROFILE } from '../profile/starter-profile';
import { CliIo, UsageError, formatDiagnostic } from './io';

export const DEFAULT_PROFILE_FILE = 'tomguard-profile.yml';

export function profileInit(file: string | undefined, io: CliIo): number {
  const target = path.resolve(io.cwd, file ?? DEFAULT_PROFILE_FILE);
  const shown = file ?? DEFAULT_PROFILE_FILE;
  if (fs.existsSync(target)) throw new UsageError(`${shown} already exists; choose another file name or remove it first.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, STARTER_PROFILE);
  io.stdout(`Wrote ${shown}. Edit it, then run: tomguard profile validate ${shown}\n`);
  return 0;
}

export function profileValidate(file: string | undefined, io: CliIo): number {
  if (!file) throw new UsageError('Name the profile to check: tomguard profile validate FILE.');
  const result = loadProfile(path.resolve(io.cwd, file), file, CATALOG_IDS);
  if (result.problems.length > 0) {
    for (const p of result.problems) io.stderr(formatDiagnostic(p) + '\n');
    io.stderr(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.\n`);
    return 2;
  }
  const p = result.profile!;
  io.stdout(`${file}: valid profile "${p.name}" with ${p.claims.length} claims, ${p.outOfScope.length} out-of-scope sections, ${p.exemptions.length} exemptions.\n`);
  return 0;
}
