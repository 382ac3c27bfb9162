output "cloudfront_domain_name" {
  value = aws_cloudfront_distribution.app.domain_name
}

output "alb_dns_name" {
  value = aws_lb.app.dns_name
}

output "db_endpoint" {
  value = aws_db_instance.main.endpoint
}

output "vpc_id" {
  value = module.network.vpc_id
}
