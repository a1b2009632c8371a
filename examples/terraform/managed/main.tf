# OpenSearch Dashboards behind Cognito. OpenSearch creates the app client itself;
# Terraform takes it over with aws_cognito_managed_user_pool_client to tune its settings.
# Deliberately insecure: see examples/README.md for the expected findings.

variable "domain_name" {
  type    = string
  default = "app-logs"
}

variable "opensearch_role_arn" {
  description = "Role that lets OpenSearch configure Cognito (AmazonOpenSearchServiceCognitoAccess)"
  type        = string
}

resource "aws_cognito_user_pool" "logs" {
  name = "${var.domain_name}-operators"

  admin_create_user_config {
    allow_admin_create_user_only = true
  }
}

resource "aws_cognito_user_pool_domain" "logs" {
  domain       = "${var.domain_name}-operators"
  user_pool_id = aws_cognito_user_pool.logs.id
}

resource "aws_cognito_identity_pool" "logs" {
  identity_pool_name               = "${var.domain_name}_operators"
  allow_unauthenticated_identities = false

  lifecycle {
    ignore_changes = [cognito_identity_providers]
  }
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = var.domain_name
  engine_version = "OpenSearch_2.13"

  cognito_options {
    enabled          = true
    user_pool_id     = aws_cognito_user_pool.logs.id
    identity_pool_id = aws_cognito_identity_pool.logs.id
    role_arn         = var.opensearch_role_arn
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  depends_on = [aws_cognito_user_pool_domain.logs]
}

resource "aws_cognito_managed_user_pool_client" "dashboards" {
  name_prefix  = "AmazonOpenSearchService-${var.domain_name}-"
  user_pool_id = aws_cognito_user_pool.logs.id

  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "LEGACY"

  # Operators complained about being signed out during long incidents.
  access_token_validity  = 12
  id_token_validity      = 12
  refresh_token_validity = 3650

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 30
  }

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile", "phone"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["http://logs.internal.example.com/_dashboards/app/home"]
  logout_urls                          = ["https://logs.internal.example.com/_dashboards/"]

  read_attributes  = ["email", "name"]
  write_attributes = ["name"]

  depends_on = [aws_opensearch_domain.logs]
}
