/**
 * Entry point of the GitHub Action (bundled into action-dist/index.js by scripts/build-action.mjs).
 * The step's exit code is the CLI's: 0, 1 for failures at or above fail-on, 2 for input errors.
 */
import { run } from './run';

async function start(): Promise<void> {
  // @actions/core is an ES module only; import() loads it from this CommonJS code (the bundle inlines it).
  const core = await import('@actions/core');
  try {
    process.exitCode = await run(core);
  } catch (err) {
    core.setFailed(`tomguard: internal error: ${(err as Error)?.stack ?? String(err)}`);
    process.exitCode = 2;
  }
}

void start();
