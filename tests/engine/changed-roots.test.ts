/**
 * `scan --changed` (the pre-commit hook): changed files → the roots to scan. The tree has two roots
 * sharing a local module (which calls another), an unrelated root, a Terragrunt unit with its parent
 * configuration and module, and files that belong to no root.
 */
import { changedRoots } from '../../src/engine/changed-roots';
import { writeTree } from '../helpers/tmp-tree';

const tree = writeTree({
  'envs/prod/main.tf': 'module "db" {\n  source = "../../modules/db"\n}\n',
  'envs/prod/terraform.tfvars': 'name = "prod"\n',
  'envs/staging/main.tf': 'module "db" {\n  source = "../../modules/db"\n}\n',
  'account/main.tf': 'resource "aws_cloudtrail" "main" {\n  name = "main"\n}\n',
  'modules/db/main.tf': 'module "key" {\n  source = "../kms"\n}\n',
  'modules/kms/main.tf': 'resource "aws_kms_key" "db" {}\n',
  'modules/cache/main.tf': 'variable "name" {}\n',
  'live/terragrunt.hcl': 'inputs = {\n  region = "eu-north-1"\n}\n',
  'live/cache/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders()\n}\n\nterraform {\n  source = "../../modules//cache"\n}\n\ninputs = {\n  name = "sessions"\n}\n',
  'notes/extra.tfvars': 'name = "nobody reads this"\n',
});

const rootsOf = async (...files: string[]) => changedRoots(files, tree, {});

describe('changed files → roots (scan --changed)', () => {
  it('a file in a root scans that root', async () => {
    expect(await rootsOf('envs/prod/main.tf')).toEqual({ roots: ['envs/prod'], ignored: [] });
  });

  it('a .tfvars changed in a root scans that root', async () => {
    expect(await rootsOf('envs/prod/terraform.tfvars')).toEqual({ roots: ['envs/prod'], ignored: [] });
  });

  it('a file in a local module scans its two callers, not the unrelated root', async () => {
    expect(await rootsOf('modules/db/main.tf')).toEqual({ roots: ['envs/prod', 'envs/staging'], ignored: [] });
  });

  it('a module called through another module scans the roots at the top of the chain', async () => {
    expect(await rootsOf('modules/kms/main.tf')).toEqual({ roots: ['envs/prod', 'envs/staging'], ignored: [] });
  });

  it("a unit's terragrunt.hcl, the parent configuration it includes, and the module it deploys scan the unit", async () => {
    expect(await rootsOf('live/cache/terragrunt.hcl')).toEqual({ roots: ['live/cache'], ignored: [] });
    expect(await rootsOf('live/terragrunt.hcl')).toEqual({ roots: ['live/cache'], ignored: [] });
    expect(await rootsOf('modules/cache/main.tf')).toEqual({ roots: ['live/cache'], ignored: [] });
  });

  it('a file outside every root and module is ignored', async () => {
    expect(await rootsOf('notes/extra.tfvars')).toEqual({ roots: [], ignored: ['notes/extra.tfvars'] });
  });

  it('several files give each root once, in discovery order', async () => {
    expect(await rootsOf('modules/db/main.tf', 'envs/prod/terraform.tfvars', 'envs/prod/main.tf', 'account/main.tf', 'notes/extra.tfvars')).toEqual({
      roots: ['account', 'envs/prod', 'envs/staging'],
      ignored: ['notes/extra.tfvars'],
    });
  });
});
