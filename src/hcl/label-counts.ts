// Shared by the native and the JSON syntax; its own module so native-only scans never load jsonc-parser.
/** How many labels each top-level block type has (Terraform's schema). */
export const LABEL_COUNTS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
  check: 1,
};

