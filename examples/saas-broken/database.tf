resource "aws_db_subnet_group" "main" {
  name = "${var.name}-db"
  # BROKEN: TG-NET-001
  subnet_ids = concat(module.network.private_subnet_ids, [module.network.public_subnet_ids[0]])
}

resource "aws_db_parameter_group" "postgres" {
  name   = "${var.name}-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  identifier     = "${var.name}-db"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = var.db_instance_class
  multi_az       = true

  allocated_storage     = 50
  max_allocated_storage = 200
  storage_type          = "gp3"
  # BROKEN: TG-ENC-001
  storage_encrypted = false
  kms_key_id        = aws_kms_key.rds.arn

  db_name                       = "helpdesk"
  username                      = "helpdesk_admin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.rds.key_id

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.postgres.name
  # BROKEN: TG-NET-001
  publicly_accessible = var.db_public

  backup_retention_period         = 14
  backup_window                   = "02:00-03:00"
  maintenance_window              = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot           = true
  deletion_protection             = true
  final_snapshot_identifier       = "${var.name}-db-final"
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

# --- Reporting cluster (Aurora PostgreSQL) ---------------------------------------

resource "aws_db_subnet_group" "reporting" {
  name       = "${var.name}-reporting"
  subnet_ids = module.network.private_subnet_ids
}

resource "aws_rds_cluster_parameter_group" "reporting" {
  name   = "${var.name}-reporting-aurora-pg16"
  family = "aurora-postgresql16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

# Encrypted, but with the AWS-managed key aws/rds instead of the customer-managed key.
# BROKEN: TG-ENC-002
resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "${var.name}-reporting"
  engine             = "aurora-postgresql"
  engine_version     = "16.4"
  storage_encrypted  = true

  database_name               = "reporting"
  master_username             = "reporting_admin"
  manage_master_user_password = true

  db_subnet_group_name            = aws_db_subnet_group.reporting.name
  vpc_security_group_ids          = [aws_security_group.db.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.reporting.name

  backup_retention_period         = 14
  deletion_protection             = true
  final_snapshot_identifier       = "${var.name}-reporting-final"
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_rds_cluster_instance" "reporting" {
  identifier         = "${var.name}-reporting-1"
  cluster_identifier = aws_rds_cluster.reporting.id
  engine             = aws_rds_cluster.reporting.engine
  engine_version     = aws_rds_cluster.reporting.engine_version
  instance_class     = var.db_instance_class
}
