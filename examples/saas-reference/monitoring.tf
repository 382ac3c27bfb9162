# --- Threat detection: GuardDuty, and its findings routed to the security team ---------

resource "aws_guardduty_detector" "main" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# Beyond the foundational sources (CloudTrail, VPC flow logs, DNS logs): suspicious
# logins to the RDS database and S3 data access.
resource "aws_guardduty_detector_feature" "rds_login_events" {
  detector_id = aws_guardduty_detector.main.id
  name        = "RDS_LOGIN_EVENTS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "s3_data_events" {
  detector_id = aws_guardduty_detector.main.id
  name        = "S3_DATA_EVENTS"
  status      = "ENABLED"
}

locals {
  guardduty_rule_name = "${var.name}-guardduty-findings"
  security_alerts     = "${var.name}-security-alerts"
  # Known before apply (see logging.tf): the topic policy and the alarms' actions show in a plan.
  guardduty_rule_arn  = "arn:aws:events:${var.region}:${var.account_id}:rule/${local.guardduty_rule_name}"
  security_alerts_arn = "arn:aws:sns:${var.region}:${var.account_id}:${local.security_alerts}"
}

resource "aws_cloudwatch_event_rule" "guardduty_findings" {
  name        = local.guardduty_rule_name
  description = "GuardDuty findings of medium severity (4.0) and above"

  event_pattern = jsonencode({
    source        = ["aws.guardduty"]
    "detail-type" = ["GuardDuty Finding"]
    detail = {
      severity = [{ numeric = [">=", 4] }]
    }
  })
}

resource "aws_cloudwatch_event_target" "guardduty_to_sns" {
  rule      = aws_cloudwatch_event_rule.guardduty_findings.name
  target_id = "security-alerts"
  arn       = aws_sns_topic.security_alerts.arn
}

# --- Alerting: one encrypted topic for findings and alarms ----------------------------

resource "aws_sns_topic" "security_alerts" {
  name              = local.security_alerts
  kms_master_key_id = aws_kms_key.logs.arn
}

data "aws_iam_policy_document" "security_alerts" {
  statement {
    sid       = "GuardDutyFindingsFromEventBridge"
    actions   = ["sns:Publish"]
    resources = [local.security_alerts_arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.guardduty_rule_arn]
    }
  }

  statement {
    sid       = "AlarmsFromCloudWatch"
    actions   = ["sns:Publish"]
    resources = [local.security_alerts_arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:cloudwatch:${var.region}:${var.account_id}:alarm:*"]
    }
  }
}

resource "aws_sns_topic_policy" "security_alerts" {
  arn    = aws_sns_topic.security_alerts.arn
  policy = data.aws_iam_policy_document.security_alerts.json
}

resource "aws_sns_topic_subscription" "security_email" {
  topic_arn = aws_sns_topic.security_alerts.arn
  protocol  = "email"
  endpoint  = var.security_alert_email
}

# --- CloudWatch watches the audit trail: metric filters and alarms ---------------------

locals {
  trail_metric_namespace = "${var.name}/CloudTrail"

  # CloudTrail events that must reach the security team at once (CIS AWS Foundations 4.x).
  trail_alarms = {
    root-account-usage = {
      description = "The root user made an API call or signed in."
      pattern     = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"
    }
    console-login-without-mfa = {
      description = "An IAM user signed in to the console without MFA."
      pattern     = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"
    }
  }
}

resource "aws_cloudwatch_log_metric_filter" "trail" {
  for_each = local.trail_alarms

  name           = "${var.name}-${each.key}"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = each.value.pattern

  metric_transformation {
    name      = each.key
    namespace = local.trail_metric_namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "trail" {
  for_each = local.trail_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = local.trail_metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.trail[each.key].metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.security_alerts_arn]

  depends_on = [aws_sns_topic_policy.security_alerts]
}
