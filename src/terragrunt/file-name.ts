/** The file that makes a directory a Terragrunt unit; its own module so that checking for it loads no parser. */
export const TERRAGRUNT_FILE = 'terragrunt.hcl';
