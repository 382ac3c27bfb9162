/**
 * Which parameter groups apply to a database and which engine it runs, for TLS enforcement
 * (TG-TLS-006): groups by reference or by literal name, the engine's default group, the engine from
 * `engine`, else a group's family, else the replication source.
 */
import { Unknown } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { missingRequired } from '../../required';
import { show } from '../../attributes';
import { referencedNodes } from '../../links';
import { memo } from '../../memo';
import { readVal, toString } from '../../read';
import { Val } from '../../val';
import { EngineFacts, ParameterGroup, ParameterGroupRef, ParameterLookup, TLS_ENGINES, TlsSettings, parseFamily } from './model';

const INSTANCE_PARAMETER_GROUP_TYPES = ['aws_db_parameter_group'];
const CLUSTER_PARAMETER_GROUP_TYPES = ['aws_rds_cluster_parameter_group'];

function lookupParameter(node: GraphNode, wanted: string): ParameterLookup {
  let found: Val<string> | undefined;
  let open: Unknown | undefined;
  for (const block of node.blocks('parameter')) {
    if (block.value instanceof Unknown) {
      open ??= block.value;
      continue;
    }
    const n = node.attr(`${block.path}.name`).value;
    if (n instanceof Unknown) open ??= n;
    else if (typeof n === 'string' && n.trim().toLowerCase() === wanted) {
      const path = `${block.path}.value`;
      found = readVal(node, path, toString).describedAs(show(node.attr(path).value));
    }
  }
  if (found) return { found: true, value: found };
  return { found: false, open: open?.describe() };
}

/** One model object per parameter group node, shared by every database that uses it. */
function groupModel(graph: ResourceGraph, node: GraphNode): ParameterGroup {
  const groups = memo(graph, 'aws:rds:parameter-groups', () => new Map<string, ParameterGroup>());
  let group = groups.get(node.address);
  if (!group) {
    group = new ParameterGroup(node);
    group.family = readVal(node, 'family', toString);
    group.missingFamily = missingRequired(node, 'family');
    group.parameter = (name) => lookupParameter(node, name);
    groups.set(node.address, group);
  }
  return group;
}

function resolveGroups(graph: ResourceGraph, db: GraphNode, attr: string, types: readonly string[]): ParameterGroupRef[] {
  const read = db.attr(attr);
  if (!read.present) return [{ kind: 'default' }];
  const custom = (node: GraphNode): ParameterGroupRef => ({ kind: 'custom', group: groupModel(graph, node) });
  const { nodes, unresolved } = referencedNodes(graph, db, attr, types);
  if (nodes.length > 0) return nodes.map(custom);
  const refs: ParameterGroupRef[] = [];
  for (const v of unresolved) {
    if (v instanceof Unknown) {
      refs.push({ kind: 'unknown', message: `${attr} is not known statically: ${v.describe()}` });
    } else if (typeof v === 'string') {
      // A literal name counts when a parameter group of that name is in the configuration.
      const named = graph.resources(types).filter((g) => g.attr('name').value === v);
      if (named.length > 0) refs.push(...named.map(custom));
      else if (/^default[.:]/i.test(v)) refs.push({ kind: 'default', name: v });
      else refs.push({ kind: 'unknown', message: `${attr} = ${JSON.stringify(v)} names a parameter group that is not in the scanned configuration` });
    } else {
      refs.push({ kind: 'unknown', message: `${attr} = ${show(v)} is not a parameter group name` });
    }
  }
  return refs.length > 0 ? refs : [{ kind: 'unknown', message: `${attr} = ${show(read.value)} names no parameter group` }];
}

function engineOf(graph: ResourceGraph, db: GraphNode, groups: ParameterGroupRef[], depth = 0): EngineFacts {
  const read = db.attr('engine');
  if (read.present) {
    if (read.value instanceof Unknown) return { unknown: `engine is not known statically: ${read.value.describe()}` };
    const engine = TLS_ENGINES[typeof read.value === 'string' ? read.value.toLowerCase() : ''];
    return engine ? { engine, describe: `engine = ${show(read.value)}` } : { notApplicable: true };
  }
  // No engine argument (e.g. a read replica or a restored snapshot): the parameter group's family says it.
  for (const g of groups) {
    const family = g.kind === 'custom' ? g.group.family.value : g.kind === 'default' ? g.name : undefined;
    if (typeof family !== 'string') continue;
    const parsed = parseFamily(family);
    if (parsed.other) return { notApplicable: true };
    if (parsed.engine) return { engine: parsed.engine, describe: g.kind === 'custom' ? `family = ${JSON.stringify(family)} of ${g.group.address}` : `parameter group ${JSON.stringify(family)}` };
  }
  if (db.type === 'aws_db_instance' && db.attr('replicate_source_db').present && depth < 4) {
    const source = referencedNodes(graph, db, 'replicate_source_db', ['aws_db_instance']).nodes[0];
    if (source) {
      const facts = engineOf(graph, source, [], depth + 1);
      if ('engine' in facts) return { engine: facts.engine, describe: `engine of the replication source ${source.address} (${facts.describe})` };
      return facts;
    }
  }
  // Nothing tells it: say so, and say when the configuration is not one Terraform can apply at all.
  return { unknown: missingRequired(db, 'engine') ?? 'engine is not set and no parameter group family or replication source in the scanned configuration tells it' };
}

function engineVersionOf(db: GraphNode): TlsSettings['engineVersion'] {
  const read = db.attr('engine_version');
  if (!read.present) return { describe: 'engine_version is not set (AWS picks its current default version)' };
  if (read.value instanceof Unknown) return { describe: `engine_version is not known statically: ${read.value.describe()}` };
  const m = /^(\d+)/.exec(String(read.value));
  if (!m) return { describe: `engine_version = ${show(read.value)} is not a version number` };
  return { major: Number(m[1]), describe: `engine_version = ${show(read.value)}` };
}

export function adaptTlsSettings(graph: ResourceGraph, db: GraphNode): TlsSettings {
  const cluster = db.type === 'aws_rds_cluster';
  const attribute = cluster ? 'db_cluster_parameter_group_name' : 'parameter_group_name';
  const groups = resolveGroups(graph, db, attribute, cluster ? CLUSTER_PARAMETER_GROUP_TYPES : INSTANCE_PARAMETER_GROUP_TYPES);
  return { attribute, attributeWritten: db.attr(attribute).present, groups, engine: engineOf(graph, db, groups), engineVersion: engineVersionOf(db) };
}
