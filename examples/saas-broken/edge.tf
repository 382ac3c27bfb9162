# --- CloudFront: the only public entry point ---------------------------------

resource "aws_cloudfront_distribution" "app" {
  enabled         = true
  is_ipv6_enabled = true
  comment         = "${var.name} ${var.environment}"
  aliases         = [var.domain_name]
  price_class     = "PriceClass_100"

  # The ALB certificate covers var.domain_name, not the ALB's DNS name; TLS to the
  # origin validates because the AllViewer policy forwards the viewer's Host header.
  origin {
    origin_id   = "alb"
    domain_name = aws_lb.app.dns_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id         = "alb"
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
    origin_request_policy_id = "216adef6-5c7f-47e4-b989-5492eafa07d3" # Managed-AllViewer
  }

  # Ticket attachments, cached at the edge.
  ordered_cache_behavior {
    path_pattern     = "/attachments/*"
    target_origin_id = "alb"
    # BROKEN: TG-TLS-002
    viewer_protocol_policy   = "allow-all"
    allowed_methods          = ["GET", "HEAD"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
    origin_request_policy_id = "216adef6-5c7f-47e4-b989-5492eafa07d3" # Managed-AllViewer
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn = var.cloudfront_certificate_arn
    # BROKEN: TG-TLS-002
    minimum_protocol_version = "TLSv1"
    ssl_support_method       = "sni-only"
  }
}

# --- Application Load Balancer (origin of CloudFront) ------------------------

# aws_lb.app, the load balancer itself, is declared in alb.tf next to its
# access_logs block, which writes to aws_s3_bucket.access_logs (access-logs.tf).
# It is internet-facing in the public subnets, drops invalid header fields and
# admits only CloudFront's origin-facing servers (aws_security_group.alb in
# security.tf). Its target group and listeners follow here; they keep their
# line numbers, which the tests of the examples pin.
#
# It moved out of this file when its access logs were added (see README.md).

resource "aws_lb_target_group" "app" {
  name        = "${var.name}-app"
  port        = var.app_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = module.network.vpc_id

  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  # BROKEN: TG-TLS-001
  ssl_policy      = "ELBSecurityPolicy-2016-08"
  certificate_arn = var.alb_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"

  # Serves the app over plain HTTP instead of redirecting to HTTPS.
  default_action {
    # BROKEN: TG-TLS-001
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
