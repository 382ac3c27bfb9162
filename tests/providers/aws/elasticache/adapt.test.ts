import { at, loadModels as modelsOf } from '../../../helpers/models';

const GLOBAL = `resource "aws_elasticache_replication_group" "primary" {
  replication_group_id       = "primary"
  description                = "primary"
  engine                     = "valkey"
  transit_encryption_enabled = true
}

resource "aws_elasticache_global_replication_group" "g" {
  global_replication_group_id_suffix = "g"
  primary_replication_group_id       = aws_elasticache_replication_group.primary.id
}

resource "aws_elasticache_replication_group" "secondary" {
  replication_group_id        = "secondary"
  description                 = "secondary"
  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "member"
  replication_group_id = aws_elasticache_replication_group.primary.id
}
`;

describe('elasticache adapter', () => {
  it('links a secondary to its Global Datastore and that to its primary', async () => {
    const { replicationGroups } = (await modelsOf({ 'main.tf': GLOBAL })).elasticache;
    const [primary, secondary] = replicationGroups;
    expect(secondary.globalGroups.map((g) => g.address)).toEqual(['aws_elasticache_global_replication_group.g']);
    expect(secondary.globalGroups[0].primaries).toEqual([primary]);
    expect(at(secondary.globalGroupId)).toBe('16:3');
    expect(primary.globalGroupId).toBeUndefined();
  });

  it('reads engine, transit and snapshot defaults', async () => {
    const [primary, secondary] = (await modelsOf({ 'main.tf': GLOBAL })).elasticache.replicationGroups;
    expect(primary.engine).toMatchObject({ value: 'valkey', present: true });
    expect(at(primary.engine)).toBe('4:3');
    expect(at(primary.transitEncryption)).toBe('5:3');
    expect(secondary.engine).toMatchObject({ value: 'redis', isDefault: true });
    expect(secondary.transitEncryption).toMatchObject({ value: false, isDefault: true });
    expect(secondary.snapshotRetention).toMatchObject({ value: 0, isDefault: true });
    expect(secondary.atRestEncryption).toMatchObject({ present: false, value: undefined });
    expect(primary.autoMinorVersionUpgrade.leaf).toMatchObject({ value: true, isDefault: true });
  });

  it('a cluster in a replication group says so', async () => {
    const [member] = (await modelsOf({ 'main.tf': GLOBAL })).elasticache.clusters;
    expect(member.inReplicationGroup.value).toBe(true);
    expect(at(member.inReplicationGroup)).toBe('21:3');
    expect(member.missingEngine).toBeUndefined();
  });

  it('an empty nullable auto_minor_version_upgrade counts as omitted', async () => {
    const files = { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  auto_minor_version_upgrade = ""\n}\n' };
    const [group] = (await modelsOf(files)).elasticache.replicationGroups;
    expect(group.autoMinorVersionUpgrade.leaf).toMatchObject({ present: false, value: true });
    expect(group.autoMinorVersionUpgrade.leaf.describe()).toBe('auto_minor_version_upgrade = true (provider default when omitted)');
  });
});
