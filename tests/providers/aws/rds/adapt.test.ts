import { at, loadModels as modelsOf } from '../../../helpers/models';
import { planJson } from '../../../helpers/plan-builder';

const DB = `resource "aws_kms_key" "db" {}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  kms_key_id              = aws_kms_key.db.arn
  backup_retention_period = 14
  parameter_group_name    = aws_db_parameter_group.pg.name
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
}

resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}
`;

describe('rds adapter', () => {
  it('reads keys, retention and defaults with their locations (HCL)', async () => {
    const [main, replica] = (await modelsOf({ 'main.tf': DB })).rds.databases;
    expect(main.customerKey.value).toBe(true);
    expect(at(main.customerKey)).toBe('5:3');
    expect(main.backupRetention.value).toBe(14);
    expect(at(main.backupRetention)).toBe('6:3');
    expect(main.deletionProtection).toMatchObject({ present: false, isDefault: true, value: false });
    expect(main.deletionProtection.describe()).toBe('deletion_protection = false (provider default when omitted)');
    expect(main.replicaSource).toBeUndefined();
    expect(replica.replicaSource?.value).toBe(true);
    expect(at(replica.replicaSource)).toBe('11:3');
    expect(replica.backupRetention).toMatchObject({ isDefault: true, value: 1 });
  });

  it('links the parameter group by reference and finds the engine and parameter', async () => {
    const tls = (await modelsOf({ 'main.tf': DB })).rds.databases[0].tls!;
    expect(tls.engine).toEqual({ engine: 'postgres', describe: 'engine = "postgres"' });
    const ref = tls.groups[0];
    if (ref.kind !== 'custom') throw new Error('expected the custom group');
    expect(ref.group.address).toBe('aws_db_parameter_group.pg');
    const lookup = ref.group.parameter('rds.force_ssl');
    expect(lookup.found && lookup.value.value).toBe('1');
    expect(lookup.found && at(lookup.value)).toBe('19:5');
  });

  it('a replica without engine takes it from its source; the default group when none is named', async () => {
    const tls = (await modelsOf({ 'main.tf': DB })).rds.databases[1].tls!;
    expect(tls.groups).toEqual([{ kind: 'default' }]);
    expect(tls.engine).toMatchObject({ engine: 'postgres' });
  });

  it('an unknown key (a variable without value) is unknown, with why', async () => {
    const files = { 'main.tf': 'variable "k" {}\nresource "aws_rds_cluster" "c" {\n  engine     = "aurora-postgresql"\n  kms_key_id = var.k\n}\n' };
    const [cluster] = (await modelsOf(files)).rds.databases;
    expect(cluster.customerKey.known).toBe(false);
    expect(at(cluster.customerKey)).toBe('4:3');
  });

  it('plan JSON: the same model from planned values', async () => {
    const plan = planJson([{ address: 'aws_db_instance.main', values: { engine: 'mysql', backup_retention_period: 3, deletion_protection: true } }]);
    const [db] = (await modelsOf({ 'plan.json': plan }, 'plan.json')).rds.databases;
    expect(db.backupRetention.value).toBe(3);
    expect(db.deletionProtection.value).toBe(true);
    expect(db.tls?.engine).toMatchObject({ engine: 'mysql' });
  });

  it('a cluster snapshot links its cluster by literal identifier', async () => {
    const files = {
      'main.tf': 'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "prod"\n  engine             = "aurora-mysql"\n}\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "prod"\n  db_cluster_snapshot_identifier = "s1"\n}\n',
    };
    const [snapshot] = (await modelsOf(files)).rds.clusterSnapshots;
    expect(snapshot.cluster?.address).toBe('aws_rds_cluster.c');
    expect(snapshot.clusterIdentifier.describe()).toBe('"prod"');
    expect(at(snapshot.clusterIdentifier)).toBe('6:3');
  });
});
