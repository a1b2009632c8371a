# Customer portal sign-in: user pool, Google federation, a web (SPA) client and an iOS client.
# This configuration is deliberately insecure: see examples/README.md for the expected findings.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "access_token_hours" {
  description = "Lifetime of access tokens, in hours (overridden in terraform.tfvars)"
  type        = number
  default     = 1
}

variable "refresh_token_days" {
  description = "Keep people signed in for a year"
  type        = number
  default     = 365
}

variable "google_client_id" {
  type = string
}

variable "google_client_secret" {
  type      = string
  sensitive = true
}

locals {
  app_name              = "customer-portal"
  user_existence_errors = "LEGACY"
  oauth_flows           = ["code", "implicit"]
}

resource "aws_cognito_user_pool" "main" {
  name                     = "${local.app_name}-${var.environment}"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  schema {
    name                = "plan"
    attribute_data_type = "String"
    mutable             = true

    string_attribute_constraints {
      min_length = 1
      max_length = 32
    }
  }
}

resource "aws_cognito_identity_provider" "google" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "Google"
  provider_type = "Google"

  provider_details = {
    client_id        = var.google_client_id
    client_secret    = var.google_client_secret
    authorize_scopes = "openid email profile"
  }

  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "${local.app_name}-web"
  user_pool_id = aws_cognito_user_pool.main.id

  explicit_auth_flows = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
  prevent_user_existence_errors = local.user_existence_errors
  enable_token_revocation       = true

  access_token_validity  = var.access_token_hours
  id_token_validity      = 1
  refresh_token_validity = var.refresh_token_days

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = local.oauth_flows
  allowed_oauth_scopes                 = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]
  supported_identity_providers         = ["COGNITO", "Google"]

  callback_urls = [
    "http://portal.dev.example.com/auth/callback",
    "http://localhost:3000/auth/callback",
  ]
  logout_urls          = ["https://portal.dev.example.com/"]
  default_redirect_uri = "https://portal.dev.example.com/auth/callback"

  read_attributes  = ["email", "email_verified", "name", "custom:plan"]
  write_attributes = ["email", "email_verified", "name", "custom:plan"]
}

resource "aws_cognito_user_pool_client" "ios" {
  name            = "${local.app_name}-ios"
  user_pool_id    = aws_cognito_user_pool.main.id
  generate_secret = true

  explict_auth_flows            = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "Enabled"

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["com.example.portal://auth/callback"]
  logout_urls                          = ["com.example.portal://auth/signed-out"]

  read_attributes  = ["email", "name", "custom:store_id"]
  write_attributes = ["name"]
}

output "ios_client_secret" {
  description = "Pasted into the iOS build settings by the release pipeline"
  value       = aws_cognito_user_pool_client.ios.client_secret
  sensitive   = true
}
