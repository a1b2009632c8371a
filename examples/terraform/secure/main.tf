# Customer portal sign-in, hardened: SRP only, refresh token rotation, short tokens,
# authorization code flow over HTTPS and least-privilege attribute access.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.98.0"
    }
  }
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "portal_callback_url" {
  type    = string
  default = "https://portal.example.com/auth/callback"
}

variable "access_token_minutes" {
  type    = number
  default = 15
}

locals {
  app_name    = "customer-portal"
  oauth_flows = ["code"]
}

resource "aws_cognito_user_pool" "main" {
  name                     = "${local.app_name}-${var.environment}"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = "ACTIVE"

  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  schema {
    name                = "tenant_id"
    attribute_data_type = "String"
    mutable             = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  schema {
    name                = "newsletter_opt_in"
    attribute_data_type = "Boolean"
    mutable             = true
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "${local.app_name}-web"
  user_pool_id = aws_cognito_user_pool.main.id

  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  auth_session_validity         = 3

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }

  access_token_validity  = var.access_token_minutes
  id_token_validity      = 15
  refresh_token_validity = 12

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = local.oauth_flows
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = [var.portal_callback_url]
  logout_urls                          = ["https://portal.example.com/signed-out"]
  default_redirect_uri                 = var.portal_callback_url

  read_attributes = [
    "email",
    "email_verified",
    "name",
    "custom:tenant_id",
    "custom:newsletter_opt_in",
  ]
  write_attributes = ["email", "name", "custom:newsletter_opt_in"]
}

output "web_client_id" {
  value = aws_cognito_user_pool_client.web.id
}
