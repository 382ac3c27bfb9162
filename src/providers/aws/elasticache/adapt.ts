/** Builds the ElastiCache model, with each replication group linked to the Global Datastores it joins. */
import type { AwsModels } from '..';
import { missingRequired } from '../../required';
import { show } from '../../attributes';
import { referencedNodes } from '../../links';
import { readPresence, readVal, toBoolean, toNumber, toString } from '../../read';
import { readSecrets } from '../secrets';
import { updateSwitch } from '../updates';
import { CacheCluster, ElastiCacheModel, GlobalReplicationGroup, ReplicationGroup, ServerlessCache } from './model';

/** The provider's default `engine` for a replication group. */
const DEFAULT_ENGINE = 'redis';

/** The AWS default `snapshot_retention_limit`: automatic snapshots off. */
export const DEFAULT_SNAPSHOT_RETENTION = 0;

export function adaptElastiCache(aws: AwsModels): ElastiCacheModel {
  const { graph } = aws;
  const byAddress = new Map<string, ReplicationGroup>();
  const replicationGroups = graph.resources('aws_elasticache_replication_group').map((node) => {
    const group = new ReplicationGroup(node);
    group.engine = readVal(node, 'engine', toString, DEFAULT_ENGINE);
    group.atRestEncryption = readVal(node, 'at_rest_encryption_enabled', toBoolean);
    group.transitEncryption = readVal(node, 'transit_encryption_enabled', toBoolean, false);
    group.transitEncryptionMode = readVal(node, 'transit_encryption_mode', toString);
    group.snapshotRetention = readVal(node, 'snapshot_retention_limit', toNumber, DEFAULT_SNAPSHOT_RETENTION);
    group.autoMinorVersionUpgrade = updateSwitch(node, 'auto_minor_version_upgrade', true);
    group.secrets = readSecrets(graph, node, ['auth_token']);
    if (node.attr('global_replication_group_id').present) {
      group.globalGroupId = readVal(node, 'global_replication_group_id', (v) => v).describedAs(show(node.attr('global_replication_group_id').value));
    }
    byAddress.set(node.address, group);
    return group;
  });
  const globals = new Map<string, GlobalReplicationGroup>();
  for (const node of graph.resources('aws_elasticache_global_replication_group')) {
    const global = new GlobalReplicationGroup(node);
    global.primaries = referencedNodes(graph, node, 'primary_replication_group_id', 'aws_elasticache_replication_group').nodes.flatMap((n) => byAddress.get(n.address) ?? []);
    globals.set(node.address, global);
  }
  for (const group of replicationGroups) {
    if (!group.globalGroupId) continue;
    const named = referencedNodes(graph, group.node, 'global_replication_group_id', 'aws_elasticache_global_replication_group').nodes;
    group.globalGroups = named.flatMap((n) => globals.get(n.address) ?? []);
  }
  const clusters = graph.resources('aws_elasticache_cluster').map((node) => {
    const cluster = new CacheCluster(node);
    cluster.inReplicationGroup = readPresence(graph, node, 'replication_group_id');
    cluster.engine = readVal(node, 'engine', toString);
    cluster.missingEngine = missingRequired(node, 'engine');
    cluster.snapshotRetention = readVal(node, 'snapshot_retention_limit', toNumber, DEFAULT_SNAPSHOT_RETENTION);
    return cluster;
  });
  const serverlessCaches = graph.resources('aws_elasticache_serverless_cache').map((node) => new ServerlessCache(node));
  return { replicationGroups, clusters, serverlessCaches };
}
