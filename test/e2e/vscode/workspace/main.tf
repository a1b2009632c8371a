# Cognito Guard end-to-end workspace (Terraform): two deliberately insecure clients.

resource "aws_cognito_user_pool" "pool" {
  name = "e2e-pool"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "e2e-web"
  user_pool_id = aws_cognito_user_pool.pool.id

  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  prevent_user_existence_errors = "LEGACY"
  enable_token_revocation       = true

  access_token_validity = 48
  id_token_validity     = 1

  token_validity_units {
    access_token = "hours"
    id_token     = "hours"
  }

  read_attributes  = ["email", "name"]
  write_attributes = ["name"]
}

resource "aws_cognito_user_pool_client" "legacy" {
  name         = "e2e-legacy"
  user_pool_id = aws_cognito_user_pool.pool.id

  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  prevent_user_existence_errors = "legacy"
  enable_token_revocation       = false
  auth_session_validity         = 30

  read_attributes  = ["email", "name"]
  write_attributes = ["name", "email_verified"]
}
