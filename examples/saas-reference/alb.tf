# --- Application Load Balancer (origin of CloudFront) ------------------------------
#
# Internet-facing, but its security group (security.tf) admits only CloudFront's
# origin-facing servers. Its target group and listeners are in edge.tf.

resource "aws_lb" "app" {
  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  internal                   = false
  drop_invalid_header_fields = true
  subnets                    = module.network.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]

  access_logs {
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = "alb"
    enabled = true
  }

  # Elastic Load Balancing checks that it may write to the bucket when logging is turned on.
  depends_on = [aws_s3_bucket_policy.access_logs]
}
