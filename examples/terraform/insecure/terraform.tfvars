environment        = "dev"
access_token_hours = 48
