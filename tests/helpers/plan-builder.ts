/**
 * Builds small `terraform show -json` plan documents for rule tests, so every rule is tested on plan
 * input too. Each resource gives its values; `unknown` marks attributes known only after apply;
 * `refs` are configuration references (attribute path → referenced addresses), which is how plans
 * link resources whose IDs are unknown.
 */
export interface PlanResource {
  address: string;
  values: Record<string, unknown>;
  /** Attribute names (top level) that are unknown until apply. */
  unknown?: string[];
  /** Attribute name → references, as in the plan's configuration (`{ subnet_ids: ['aws_subnet.a.id'] }`). */
  refs?: Record<string, string[]>;
  sensitive?: string[];
  actions?: string[];
  /** References of the resource's `for_each` expression (`['local.vpcs']`), recorded once per resource. */
  forEach?: string[];
  /** References of the resource's `count` expression. */
  count?: string[];
}

export interface PlanOptions {
  /** Root module input variables as the plan records them: name → value. */
  variables?: Record<string, unknown>;
  /** Module calls by path without instance keys (`module.logs`): argument references and `for_each` references. */
  calls?: Record<string, { refs?: Record<string, string[]>; forEach?: string[] }>;
}

function parse(address: string) {
  const modules: string[] = [];
  let rest = address;
  const m = /^((?:module\.[^.[\]]+(?:\[[^\]]*\])?\.)*)(.*)$/.exec(address)!;
  if (m[1]) {
    for (const part of m[1].slice(0, -1).match(/module\.[^.[\]]+(?:\[[^\]]*\])?/g) ?? []) modules.push(part);
    rest = m[2];
  }
  const key = /\[([^\]]*)\]$/.exec(rest);
  const bare = rest.replace(/\[[^\]]*\]$/, '');
  const parts = bare.split('.');
  const mode = parts[0] === 'data' ? 'data' : 'managed';
  const [type, name] = mode === 'data' ? [parts[1], parts[2]] : [parts[0], parts[1]];
  const index = key ? (key[1].startsWith('"') ? (JSON.parse(key[1]) as string) : Number(key[1])) : undefined;
  return { modulePath: modules.join('.'), mode, type, name, index, local: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}` };
}

/** A plan JSON string for the given resources (root module and module instances alike). */
export function planJson(resources: PlanResource[], options: PlanOptions = {}): string {
  const configModules = new Map<string, { resources: unknown[]; module_calls: Record<string, unknown> }>();
  const configFor = (modulePath: string) => {
    const key = modulePath.replace(/\[[^\]]*\]/g, '');
    if (!configModules.has(key)) configModules.set(key, { resources: [], module_calls: {} });
    return configModules.get(key)!;
  };
  const changes = resources.map((r) => {
    const p = parse(r.address);
    const mod = configFor(p.modulePath);
    if (!(mod.resources as Array<{ address: string }>).some((c) => c.address === p.local)) {
      const expressions: Record<string, unknown> = {};
      for (const k of Object.keys(r.values)) expressions[k] = { constant_value: r.values[k] };
      for (const k of r.unknown ?? []) expressions[k] = { references: [] };
      for (const [k, refs] of Object.entries(r.refs ?? {})) expressions[k] = { references: refs };
      const meta: Record<string, unknown> = {};
      if (r.forEach) meta.for_each_expression = { references: r.forEach };
      if (r.count) meta.count_expression = { references: r.count };
      mod.resources.push({ address: p.local, mode: p.mode, type: p.type, name: p.name, expressions, ...meta });
    }
    const unknown: Record<string, boolean> = {};
    for (const k of r.unknown ?? []) unknown[k] = true;
    for (const k of Object.keys(r.refs ?? {})) if (!(k in r.values)) unknown[k] = true;
    const sensitive: Record<string, boolean> = {};
    for (const k of r.sensitive ?? []) sensitive[k] = true;
    return {
      address: r.address,
      module_address: p.modulePath || undefined,
      mode: p.mode,
      type: p.type,
      name: p.name,
      index: p.index,
      change: { actions: r.actions ?? ['create'], before: null, after: r.values, after_unknown: unknown, after_sensitive: sensitive },
    };
  });
  // Nest module configurations under their callers.
  const root = configFor('');
  for (const key of [...configModules.keys()].filter((k) => k !== '').sort((a, b) => a.length - b.length)) {
    const cut = key.lastIndexOf('module.');
    const parent = configFor(cut > 0 ? key.slice(0, cut - 1) : '');
    const call = options.calls?.[key];
    const expressions = call?.refs ? Object.fromEntries(Object.entries(call.refs).map(([k, refs]) => [k, { references: refs }])) : undefined;
    parent.module_calls[key.slice(cut + 'module.'.length)] = {
      source: `./${key.slice(cut + 'module.'.length)}`,
      module: configModules.get(key),
      ...(expressions ? { expressions } : {}),
      ...(call?.forEach ? { for_each_expression: { references: call.forEach } } : {}),
    };
  }
  const variables = options.variables ? { variables: Object.fromEntries(Object.entries(options.variables).map(([k, value]) => [k, { value }])) } : {};
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', ...variables, planned_values: { root_module: {} }, resource_changes: changes, configuration: { root_module: root } }, null, 2);
}
