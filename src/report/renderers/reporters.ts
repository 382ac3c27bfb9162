/**
 * The reporters by `--format` name, each loaded only when its format is asked for: a pre-commit run
 * printing text should not load the SARIF, JUnit or Markdown writers (tests/cli/lazy-loading.test.ts).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading on demand is the point of this file */
export const REPORTERS = {
  text: () => require('./text-reporter') as typeof import('./text-reporter'),
  json: () => require('./json-reporter') as typeof import('./json-reporter'),
  sarif: () => require('./sarif-reporter') as typeof import('./sarif-reporter'),
  github: () => require('./github-reporter') as typeof import('./github-reporter'),
  markdown: () => require('./markdown-reporter') as typeof import('./markdown-reporter'),
  junit: () => require('./junit-reporter') as typeof import('./junit-reporter'),
  compact: () => require('./compact-reporter') as typeof import('./compact-reporter'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
