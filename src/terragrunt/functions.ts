/**
 * Terragrunt's own functions, next to Terraform's built-ins (which the evaluator already has).
 *
 * Semantics follow Terragrunt's `config/config_helpers.go`: an included (parent) file is evaluated
 * for the unit that includes it, so `get_terragrunt_dir()` and `find_in_parent_folders()` start at
 * the unit's directory there too, and `path_relative_to_include()` names the include that brought
 * the parent in. Functions that need the outside world (`run_cmd`, `sops_decrypt_file`, AWS
 * identity, the Terraform command being run) give an Unknown that says why, never an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HclFunction } from '../eval/functions';
import { EvalError, Unknown, Value, findUnknown } from '../eval/value';

/** An include as the path functions see it. */
export interface IncludeRef {
  /** '' for an unlabeled `include {}`. */
  name: string;
  /** Absolute path of the included file. */
  path: string;
}

/** What the functions need to know about the file being evaluated. */
export interface TerragruntFunctionHost {
  /** Terragrunt's TerragruntConfigPath: the unit's terragrunt.hcl (also inside its includes). */
  readonly terragruntConfigPath: string;
  /** The unit's terragrunt.hcl even inside a file read with read_terragrunt_config. */
  readonly originalConfigPath: string;
  /** When the file is evaluated as an include of the unit: that include. */
  readonly includedBy?: IncludeRef;
  /** The file's own include blocks. */
  includeRefs(): IncludeRef[];
  readonly env: Record<string, string | undefined>;
  gitRoot(): string | undefined;
  /** Evaluates another Terragrunt file for read_terragrunt_config (absolute path). */
  readConfig(file: string): Value;
  display(file: string): string;
}

/** Terraform commands Terragrunt's get_terraform_commands_that_need_* functions list. */
const COMMANDS_THAT_NEED: Record<string, string[]> = {
  vars: ['apply', 'console', 'destroy', 'import', 'plan', 'push', 'refresh'],
  locking: ['apply', 'destroy', 'import', 'plan', 'refresh', 'taint', 'untaint'],
  input: ['apply', 'import', 'init', 'plan', 'refresh'],
  parallelism: ['apply', 'plan', 'destroy'],
};

/** Functions tomguard does not evaluate, with the reason their result is unknown. */
const NOT_EVALUATED: Record<string, string> = {
  run_cmd: 'runs a command while Terragrunt reads the configuration; tomguard does not run commands',
  sops_decrypt_file: 'decrypts a SOPS-encrypted file; tomguard does not decrypt secrets',
  get_aws_account_id: 'asks AWS for the caller identity; a static scan has no credentials',
  get_aws_account_alias: 'asks AWS for the account alias; a static scan has no credentials',
  get_aws_caller_identity_arn: 'asks AWS for the caller identity; a static scan has no credentials',
  get_aws_caller_identity_user_id: 'asks AWS for the caller identity; a static scan has no credentials',
  get_terraform_command: 'the Terraform command Terragrunt runs is not known to a static scan',
  get_terraform_cli_args: 'the Terraform command line Terragrunt runs is not known to a static scan',
  get_working_dir: 'the directory Terragrunt copies the module to (.terragrunt-cache) is not known to a static scan',
  get_platform: 'depends on the machine that runs Terragrunt',
  get_default_retryable_errors: "Terragrunt's built-in list of retryable errors is not known to tomguard",
};

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

/** Go's filepath.Rel with forward slashes: "." for the same directory. */
function relative(from: string, to: string): string {
  return toSlash(path.relative(from, to)) || '.';
}

function asString(v: Value, fn: string, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError(`${fn}: ${what} must be a string.`);
}

/**
 * Wraps an implementation with Terragrunt's arity and passes Unknown arguments through as an Unknown
 * result (read_terragrunt_config's default may hold unknowns: it is returned as it is).
 */
function fn(name: string, min: number, max: number, impl: (args: Value[]) => Value, deepUnknowns = true): HclFunction {
  return (args) => {
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      throw new EvalError(`${name}: expects ${expected} argument${max === 1 ? '' : 's'}, got ${args.length}.`);
    }
    const u = deepUnknowns ? args.map(findUnknown).find((x) => x) : args.find((a): a is Unknown => a instanceof Unknown);
    if (u) return new Unknown(`${name}(...)`, `depends on ${u.describe()}`);
    return impl(args);
  };
}

/** The include a path function refers to: the one that brought this file in, or one of its own by name. */
function selectInclude(host: TerragruntFunctionHost, fnName: string, args: Value[]): IncludeRef | undefined {
  if (host.includedBy) return host.includedBy;
  const includes = host.includeRefs();
  if (includes.length === 0) return undefined;
  if (args.length > 0) {
    const name = asString(args[0], fnName, 'the include name');
    const found = includes.find((i) => i.name === name);
    if (!found) throw new EvalError(`${fnName}: no include block named "${name}" (this file has ${includes.map((i) => `"${i.name}"`).join(', ')}).`);
    return found;
  }
  if (includes.length > 1) {
    throw new EvalError(`${fnName}: this file has ${includes.length} include blocks; name the one you mean, e.g. ${fnName}("${includes[0].name}").`);
  }
  return includes[0];
}

export function terragruntFunctions(host: TerragruntFunctionHost): Record<string, HclFunction> {
  const unitDir = () => path.dirname(path.resolve(host.terragruntConfigPath));
  const out: Record<string, HclFunction> = Object.create(null) as Record<string, HclFunction>;

  out.get_env = fn('get_env', 1, 2, (args) => {
    const name = asString(args[0], 'get_env', 'the variable name');
    if (name === '') throw new EvalError('get_env: the variable name must not be empty.');
    const value = host.env[name];
    if (value !== undefined) return value;
    if (args.length === 2) return asString(args[1], 'get_env', 'the default');
    return new Unknown(`get_env("${name}")`, `environment variable ${name} is not set and get_env() has no default`);
  });

  out.find_in_parent_folders = fn('find_in_parent_folders', 0, 2, (args) => {
    const name = args.length > 0 ? asString(args[0], 'find_in_parent_folders', 'the file name') : '';
    const target = name === '' ? 'terragrunt.hcl' : name;
    const start = unitDir();
    for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return toSlash(candidate);
      if (path.dirname(dir) === dir) break;
    }
    if (args.length === 2) return args[1];
    throw new EvalError(`find_in_parent_folders: no "${target}" in any folder above ${host.display(start)}.`);
  });

  out.path_relative_to_include = fn('path_relative_to_include', 0, 1, (args) => {
    const include = selectInclude(host, 'path_relative_to_include', args);
    return include ? relative(path.dirname(include.path), unitDir()) : '.';
  });

  out.path_relative_from_include = fn('path_relative_from_include', 0, 1, (args) => {
    const include = selectInclude(host, 'path_relative_from_include', args);
    return include ? relative(unitDir(), path.dirname(include.path)) : '.';
  });

  out.get_terragrunt_dir = fn('get_terragrunt_dir', 0, 0, () => toSlash(unitDir()));

  out.get_original_terragrunt_dir = fn('get_original_terragrunt_dir', 0, 0, () => toSlash(path.dirname(path.resolve(host.originalConfigPath))));

  out.get_parent_terragrunt_dir = fn('get_parent_terragrunt_dir', 0, 1, (args) => {
    const include = selectInclude(host, 'get_parent_terragrunt_dir', args);
    return toSlash(include ? path.dirname(include.path) : unitDir());
  });

  const repoRoot = (fnName: string): string | Unknown => host.gitRoot() ?? new Unknown(`${fnName}()`, `no git repository above ${host.display(unitDir())}`);
  out.get_repo_root = fn('get_repo_root', 0, 0, () => {
    const root = repoRoot('get_repo_root');
    return root instanceof Unknown ? root : toSlash(root);
  });
  out.get_path_from_repo_root = fn('get_path_from_repo_root', 0, 0, () => {
    const root = repoRoot('get_path_from_repo_root');
    return root instanceof Unknown ? root : relative(root, unitDir());
  });
  out.get_path_to_repo_root = fn('get_path_to_repo_root', 0, 0, () => {
    const root = repoRoot('get_path_to_repo_root');
    return root instanceof Unknown ? root : relative(unitDir(), root);
  });

  out.read_terragrunt_config = fn(
    'read_terragrunt_config',
    1,
    2,
    (args) => {
      if (args[0] instanceof Unknown) return new Unknown('read_terragrunt_config(...)', `depends on ${args[0].describe()}`);
      let file = path.resolve(unitDir(), asString(args[0], 'read_terragrunt_config', 'the path'));
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'terragrunt.hcl');
      if (!fs.existsSync(file)) {
        if (args.length === 2) return args[1];
        throw new EvalError(`read_terragrunt_config: ${host.display(file)} does not exist.`);
      }
      return host.readConfig(file);
    },
    false,
  );

  out.read_tfvars_file = fn('read_tfvars_file', 1, 1, () => {
    // Rarely used; the JSON it returns would need Terraform's tfvars semantics in full.
    return new Unknown('read_tfvars_file(...)', 'read_tfvars_file is not evaluated by tomguard');
  });

  out.mark_as_read = fn('mark_as_read', 1, 1, (args) => args[0]);

  out.get_terragrunt_source_cli_flag = fn('get_terragrunt_source_cli_flag', 0, 0, () => '');

  for (const [kind, commands] of Object.entries(COMMANDS_THAT_NEED)) {
    const name = `get_terraform_commands_that_need_${kind}`;
    out[name] = fn(name, 0, 0, () => [...commands]);
  }

  for (const [name, reason] of Object.entries(NOT_EVALUATED)) {
    out[name] = () => new Unknown(`${name}(...)`, reason);
  }
  return out;
}
