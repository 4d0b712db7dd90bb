output "function_name" {
  value = aws_lambda_function.function.function_name
}

output "qualified_arn" {
  description = "Invoke durable executions with this ARN (function:alias)."
  value       = aws_lambda_alias.live.arn
}

output "version" {
  value = aws_lambda_function.function.version
}
