# --- Account-wide settings: password policy and S3 public access ----------------------

# Console passwords of IAM users (1.3 / 2.5 of the TOM): at least 14 characters of all
# four classes, not one of the last 24, changed at least every 90 days.
resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = 24
  max_password_age               = 90
}

# No bucket of the account can be made public, whatever its own settings.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
