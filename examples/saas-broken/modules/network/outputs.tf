output "vpc_id" {
  value = aws_vpc.this.id
}

output "vpc_cidr" {
  value = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Subnets routed to the internet gateway (load balancer, NAT)."
  value       = [for az in var.azs : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Subnets routed only through the NAT gateway (application, database)."
  value       = [for az in var.azs : aws_subnet.private[az].id]
}
