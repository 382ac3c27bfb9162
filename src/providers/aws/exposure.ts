/**
 * The internet exposure path found in the graph: internet → CloudFront → load balancers → compute →
 * data stores, each placed in public or private subnets, with the links that break the TOM marked.
 * It is what the attestation report draws (Mermaid); it reads only the graph and the findings, and
 * fills the provider-neutral diagram shape of src/report/exposure-diagram.ts.
 */
import { GraphNode, ResourceGraph } from '../../graph/model';
import { ExposureGraph, ExposureKind, ExposureLink, ExposureNode } from '../../report/exposure-diagram';
import { Finding } from '../../report/findings';

const LB_TYPES = ['aws_lb', 'aws_alb', 'aws_elb'];
const COMPUTE_TYPES = ['aws_ecs_service', 'aws_instance', 'aws_autoscaling_group', 'aws_lambda_function', 'aws_launch_template'];
const DATASTORE_TYPES = [
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
  'aws_elasticache_replication_group',
  'aws_elasticache_cluster',
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
  'aws_redshift_cluster',
];
const MAX_NODES = 40;

/** Rules whose failure on a node breaks the exposure story (transit and network claims). */
const PATH_RULES = /^TG-(TLS|NET)-/;

export function buildExposure(graph: ResourceGraph, findings: Finding[]): ExposureGraph {
  // One pass over the findings, indexed by resource: per-node filters over every finding made this
  // quadratic (a 50k-resource plan spent ~7 s here).
  const failing = new Map<string, Finding[]>();
  const unsuppressed = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed || !f.resource) continue;
    (unsuppressed.get(f.resource) ?? unsuppressed.set(f.resource, []).get(f.resource)!).push(f);
    if (f.status !== 'fail' || !PATH_RULES.test(f.ruleId)) continue;
    (failing.get(f.resource) ?? failing.set(f.resource, []).get(f.resource)!).push(f);
  }
  const fails = (n: GraphNode, rule?: string) => (failing.get(n.address) ?? []).some((f) => !rule || f.ruleId === rule);
  /**
   * Public when the placement rule fails, private only when it passes; anything else (unknown subnets,
   * no result) is "placement unknown" with the reason: the diagram must never round unknown up.
   */
  const placement = (n: GraphNode, rule: string): { zone: ExposureNode['zone']; reason?: string } => {
    const mine = (unsuppressed.get(n.address) ?? []).filter((f) => f.ruleId === rule);
    if (mine.some((f) => f.status === 'fail')) return { zone: 'public' };
    const unknown = mine.find((f) => f.status === 'unknown');
    if (unknown) return { zone: 'unknown', reason: `${rule}: ${unknown.message}` };
    if (mine.some((f) => f.status === 'pass')) return { zone: 'private' };
    return { zone: 'unknown', reason: `${rule} gave no result for it` };
  };
  const nodes = new Map<string, ExposureNode>();
  const links: ExposureLink[] = [];
  let omitted = 0;
  const add = (n: GraphNode, kind: ExposureKind, zone: ExposureNode['zone'], broken: boolean, reason?: string): string | undefined => {
    const existing = nodes.get(n.address);
    if (existing) return existing.id;
    if (nodes.size >= MAX_NODES) {
      omitted++;
      return undefined;
    }
    const id = `n${nodes.size + 1}`;
    nodes.set(n.address, { id, kind, address: n.address, type: n.type, zone, broken, ...(reason ? { reason } : {}) });
    return id;
  };
  const link = (from: string | undefined, to: string | undefined, broken = false, label?: string) => {
    if (from && to && !links.some((l) => l.from === from && l.to === to)) links.push({ from, to, broken, label });
  };
  const internet = 'internet';

  // Edge: CloudFront distributions.
  const cdnIds = new Map<string, string>();
  for (const cdn of graph.resources('aws_cloudfront_distribution')) {
    const id = add(cdn, 'cdn', 'edge', fails(cdn));
    if (id) cdnIds.set(cdn.address, id);
    link(internet, id, fails(cdn));
  }

  // Load balancers: internet-facing ones are reachable from the internet (directly unless fronted).
  const lbs = graph.resources(LB_TYPES).filter((lb) => lb.attr('internal').value !== true);
  for (const lb of lbs) {
    const listeners = graph.referrers(lb, ['aws_lb_listener', 'aws_alb_listener']);
    const broken = fails(lb) || listeners.some((l) => fails(l));
    const id = add(lb, 'lb', 'public', broken);
    const fronts = graph.resources('aws_cloudfront_distribution').filter((cdn) => graph.targets(cdn, 'origin').some((t) => t.address === lb.address));
    for (const cdn of fronts) link(cdnIds.get(cdn.address), id, fails(lb, 'TG-TLS-003'));
    // Reachable around CloudFront unless TG-NET-008 passed; a failure there is the broken link.
    if (fronts.length === 0 || fails(lb, 'TG-NET-008')) link(internet, id, broken || fails(lb, 'TG-NET-008'), fronts.length > 0 ? 'bypasses CloudFront' : undefined);
    // Compute behind the load balancer: listener → target group → service / group / attachment.
    for (const listener of listeners) {
      for (const tg of graph.targets(listener, 'default_action', ['aws_lb_target_group', 'aws_alb_target_group'])) {
        for (const c of graph.referrers(tg, [...COMPUTE_TYPES, 'aws_lb_target_group_attachment', 'aws_alb_target_group_attachment'])) {
          const compute = c.type.endsWith('_attachment') ? graph.targets(c, 'target_id', COMPUTE_TYPES)[0] : c;
          if (compute) link(id, addCompute(compute), fails(compute));
        }
      }
    }
  }

  // Data stores: reached by the compute whose security groups their security groups admit.
  for (const ds of graph.resources(DATASTORE_TYPES)) {
    const place = placement(ds, 'TG-NET-001');
    const publicly = place.zone === 'public';
    const id = add(ds, 'datastore', place.zone, fails(ds), place.reason);
    if (publicly) link(internet, id, true, 'publicly reachable');
    for (const sg of graph.targets(ds, undefined, ['aws_security_group'])) {
      for (const source of allowedSourceGroups(graph, sg)) {
        for (const compute of graph.referrers(source, COMPUTE_TYPES)) {
          const cid = nodes.get(compute.address)?.id ?? addCompute(compute);
          link(cid, id, fails(ds, 'TG-NET-003'));
        }
      }
    }
  }
  return { nodes: [...nodes.values()], links, omitted };

  function addCompute(n: GraphNode): string | undefined {
    const place = placement(n, 'TG-NET-004');
    return add(n, 'compute', place.zone, fails(n), place.reason);
  }
}

/** Security groups an SG admits traffic from: inline ingress, rule resources, VPC ingress rules. */
function allowedSourceGroups(graph: ResourceGraph, sg: GraphNode): GraphNode[] {
  const out = new Map<string, GraphNode>();
  for (const t of graph.targets(sg, 'ingress', ['aws_security_group'])) out.set(t.address, t);
  for (const rule of graph.referrers(sg, ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'], 'security_group_id')) {
    for (const t of graph.targets(rule, undefined, ['aws_security_group'])) if (t.address !== sg.address) out.set(t.address, t);
  }
  return [...out.values()];
}
