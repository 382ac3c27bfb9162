# --- Access logs of the entry points: CloudFront and the ALB ---------------------------
#
# One bucket in var.region for both. ALB log delivery supports only SSE-S3 (AES-256), so
# the bucket uses SSE-S3 rather than the KMS key of logging.tf. ACLs stay disabled
# (BucketOwnerEnforced): neither delivery below needs them.

locals {
  access_log_bucket     = "${var.name}-${var.account_id}-access-logs"
  access_log_bucket_arn = "arn:aws:s3:::${local.access_log_bucket}" # known before apply, see logging.tf
}

resource "aws_s3_bucket" "access_logs" {
  bucket = local.access_log_bucket
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.log_retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "access_logs" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.access_log_bucket_arn, "${local.access_log_bucket_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # ALB access logs: written by the Elastic Load Balancing account of the region, under
  # the prefix of aws_lb.app's access_logs block.
  statement {
    sid       = "AlbLogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["${local.access_log_bucket_arn}/alb/AWSLogs/${var.account_id}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.elb_log_delivery_account_id}:root"]
    }
  }

  # CloudFront access logs (standard logging v2): written by CloudWatch Logs delivery for
  # the delivery source of this account in us-east-1.
  statement {
    sid       = "CloudFrontLogDeliveryAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [local.access_log_bucket_arn]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:logs:us-east-1:${var.account_id}:*"]
    }
  }

  statement {
    sid       = "CloudFrontLogDeliveryWrite"
    actions   = ["s3:PutObject"]
    resources = ["${local.access_log_bucket_arn}/AWSLogs/${var.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:logs:us-east-1:${var.account_id}:*"]
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs.json

  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}

# --- CloudFront standard logging (v2) -> the access-log bucket ------------------------
#
# Source, destination and delivery are CloudWatch Logs resources in us-east-1 (where
# CloudFront's delivery sources live); the destination is the bucket above.

resource "aws_cloudwatch_log_delivery_source" "cloudfront" {
  provider = aws.us_east_1

  name         = "${var.name}-cloudfront-access-logs"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.app.arn
}

resource "aws_cloudwatch_log_delivery_destination" "access_logs" {
  provider = aws.us_east_1

  name          = "${var.name}-access-logs-bucket"
  output_format = "json"

  delivery_destination_configuration {
    destination_resource_arn = aws_s3_bucket.access_logs.arn
  }
}

resource "aws_cloudwatch_log_delivery" "cloudfront" {
  provider = aws.us_east_1

  delivery_source_name     = aws_cloudwatch_log_delivery_source.cloudfront.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.access_logs.arn

  depends_on = [aws_s3_bucket_policy.access_logs]
}
