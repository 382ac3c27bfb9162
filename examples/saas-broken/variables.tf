variable "region" {
  type    = string
  default = "eu-north-1"
}

variable "name" {
  description = "Name prefix for all resources."
  type        = string
  default     = "helpdesk"
}

variable "environment" {
  type    = string
  default = "production"
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

# Hard-coded instead of data "aws_availability_zones" so that a plan needs no AWS API call.
variable "azs" {
  type    = list(string)
  default = ["eu-north-1a", "eu-north-1b"]
}

variable "domain_name" {
  description = "Public host name served by CloudFront (also covered by the ALB certificate)."
  type        = string
  default     = "app.example.com"
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for CloudFront (must live in us-east-1)."
  type        = string
  default     = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
}

variable "alb_certificate_arn" {
  description = "ACM certificate for the ALB HTTPS listener (same region as the ALB)."
  type        = string
  default     = "arn:aws:acm:eu-north-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
}

# The id of the AWS-managed prefix list "com.amazonaws.global.cloudfront.origin-facing"
# in eu-north-1. A variable instead of data "aws_ec2_managed_prefix_list" keeps the plan
# offline; look it up with:
#   aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing
variable "cloudfront_prefix_list_id" {
  type    = string
  default = "pl-fab65393"
}

variable "app_image" {
  type    = string
  default = "public.ecr.aws/example/helpdesk:1.0.0"
}

variable "app_port" {
  type    = number
  default = 8080
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "db_public" {
  description = "Make the database reachable from outside the VPC."
  type        = bool
  default     = false
}

# --- Logging, monitoring and alerting ------------------------------------------

# Key and bucket policies name the account. A variable instead of data "aws_caller_identity"
# keeps the plan offline; set it to the account you deploy to.
variable "account_id" {
  description = "ID of the AWS account this configuration is deployed to."
  type        = string
  default     = "123456789012"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

# Elastic Load Balancing writes ALB access logs from an AWS-owned account per region
# (897822967062 in eu-north-1); data "aws_elb_service_account" returns the same value.
variable "elb_log_delivery_account_id" {
  description = "AWS account that delivers ALB access logs in var.region."
  type        = string
  default     = "897822967062"
}

variable "security_alert_email" {
  description = "Address that receives GuardDuty findings and security alarms (the subscription must be confirmed)."
  type        = string
  default     = "security@example.com"
}

variable "log_retention_days" {
  description = "Retention of operational logs: VPC flow logs, database logs, ALB and CloudFront access logs."
  type        = number
  default     = 90
}

variable "audit_log_retention_days" {
  description = "Retention of the CloudTrail audit trail, in CloudWatch Logs and in S3."
  type        = number
  default     = 365
}
