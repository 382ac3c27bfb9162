/**
 * One spelling of a root's path, shared by estate accounts, PR mode and SARIF categories: they must
 * agree on what `./envs/prod/` and `envs/prod` are, and the report layer may not import the engine.
 */

/** `./envs/prod/` → `envs/prod`; `.` stays `.`. */
export function normalizeRoot(root: string): string {
  const trimmed = root.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}
