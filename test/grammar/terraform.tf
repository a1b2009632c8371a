# SYNTAX TEST "source.terraform.cognito-guard" "Terraform: comments, strings, interpolation, heredocs, blocks"
# Scope assertions for syntaxes/terraform.tmLanguage.json (run: npm run test:grammar).
# An assertion line starts with "#" in column 0: "^" marks columns, "<-" marks from column 0.

# number-sign comment
# <- comment.line.number-sign.terraform punctuation.definition.comment.terraform
#             ^^^^^^^ comment.line.number-sign.terraform
// double-slash comment
# <-- comment.line.double-slash.terraform punctuation.definition.comment.terraform
#               ^^^^^^^ comment.line.double-slash.terraform
/* block comment
# <-- comment.block.terraform punctuation.definition.comment.terraform
   resource "not_a_block" "x" { */
#  ^^^^^^^^ comment.block.terraform - storage.type.block.terraform
#                               ^^ comment.block.terraform punctuation.definition.comment.terraform

resource "aws_cognito_user_pool_client" "web" {
# <-------- meta.block.terraform storage.type.block.terraform
#        ^ punctuation.definition.string.begin.terraform
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.block.terraform entity.name.type.terraform
#                                        ^^^ meta.block.terraform entity.name.label.terraform
#                                             ^ punctuation.section.block.begin.terraform
  name         = "${var.prefix}-web \"x\"\n $${literal} %%{literal}"
# ^^^^ meta.block.terraform variable.other.property.terraform
#              ^ keyword.operator.assignment.terraform
#                ^ string.quoted.double.terraform punctuation.definition.string.begin.terraform
#                 ^^ string.quoted.double.terraform meta.embedded.line.interpolation.terraform punctuation.definition.template-expression.begin.terraform
#                   ^^^ meta.embedded.line.interpolation.terraform variable.language.terraform
#                       ^^^^^^ meta.embedded.line.interpolation.terraform variable.other.member.terraform
#                             ^ punctuation.definition.template-expression.end.terraform
#                              ^^^^ string.quoted.double.terraform - meta.embedded.line.interpolation.terraform
#                                   ^^ constant.character.escape.terraform
#                                        ^^ constant.character.escape.terraform
#                                           ^^^ constant.character.escape.terraform - meta.embedded.line.interpolation.terraform
#                                              ^^^^^^^ string.quoted.double.terraform - meta.embedded.line.interpolation.terraform
#                                                       ^^^ constant.character.escape.terraform
  callback_urls = ["https://${join(".", [var.host, "example.com"])}/cb"]
#                             ^^^^ meta.embedded.line.interpolation.terraform meta.function-call.terraform support.function.terraform
#                                  ^^^ meta.embedded.line.interpolation.terraform string.quoted.double.terraform
#                                            ^^^^ variable.other.member.terraform
#                                                                  ^^^ string.quoted.double.terraform - meta.embedded.line.interpolation.terraform
#                                                                      ^ meta.brackets.terraform punctuation.section.brackets.end.terraform
  user_pool_id = aws_cognito_user_pool.pool.id
#                ^^^^^^^^^^^^^^^^^^^^^ variable.other.readwrite.terraform
#                                     ^ punctuation.accessor.terraform
#                                      ^^^^ variable.other.member.terraform
  access_token_validity = 60 # minutes
#                         ^^ constant.numeric.terraform
#                            ^^^^^^^^^ comment.line.number-sign.terraform
  refresh_token_validity = var.days * 2 >= 30 ? 1.5e3 : null // inline
#                                   ^ keyword.operator.arithmetic.terraform
#                                       ^^ keyword.operator.comparison.terraform
#                                             ^ keyword.operator.conditional.terraform
#                                               ^^^^^ constant.numeric.terraform
#                                                       ^^^^ constant.language.null.terraform
#                                                            ^^^^^^^^^ comment.line.double-slash.terraform
  generate_secret = false && !true || x == "y"
#                   ^^^^^ constant.language.boolean.terraform
#                         ^^ keyword.operator.logical.terraform
#                            ^ keyword.operator.logical.terraform
#                             ^^^^ constant.language.boolean.terraform
#                                  ^^ keyword.operator.logical.terraform
#                                       ^^ keyword.operator.comparison.terraform
  explicit_auth_flows = [for f in local.flows : upper(f) if f != "x"]
#                        ^^^ keyword.control.terraform
#                              ^^ keyword.control.terraform
#                                 ^^^^^ variable.language.terraform
#                                               ^^^^^ support.function.terraform
#                                                    ^ punctuation.section.arguments.begin.terraform
#                                                        ^^ keyword.control.terraform
  id = provider::aws::arn_parse(var.arn)
#      ^^^^^^^^^^^^^^^^^^^^^^^^ meta.function-call.terraform support.function.terraform
  tags = { Name = "web", "team" = local.team }
#        ^ meta.braces.terraform punctuation.section.braces.begin.terraform
#          ^^^^ meta.braces.terraform variable.other.property.terraform
#                         ^^^^ meta.braces.terraform variable.other.property.terraform
  policy = <<-EOT
#          ^^^ string.unquoted.heredoc.terraform keyword.operator.heredoc.terraform
#             ^^^ string.unquoted.heredoc.terraform keyword.control.heredoc.terraform
    {"Resource": "${aws_cognito_user_pool.pool.arn}", "n": 1}
#   ^^^^^^^^^^^^^^ string.unquoted.heredoc.terraform - string.quoted.double.terraform
#                 ^^ string.unquoted.heredoc.terraform meta.embedded.line.interpolation.terraform punctuation.definition.template-expression.begin.terraform
#                                              ^^^ meta.embedded.line.interpolation.terraform variable.other.member.terraform
#                                                          ^ string.unquoted.heredoc.terraform - constant.numeric.terraform
    %{ if var.enabled }on%{ else }off%{ endif }
#   ^^ meta.embedded.line.directive.terraform punctuation.definition.template-expression.begin.terraform
#      ^^ keyword.control.directive.terraform
#                      ^^ string.unquoted.heredoc.terraform - meta.embedded.line.directive.terraform
#                                       ^^^^^ keyword.control.directive.terraform
    # not a comment inside a heredoc
#   ^ string.unquoted.heredoc.terraform - comment.line.number-sign.terraform
  EOT
# ^^^ string.unquoted.heredoc.terraform keyword.control.heredoc.terraform
  after_heredoc = "x"
# ^^^^^^^^^^^^^ variable.other.property.terraform - string.unquoted.heredoc.terraform
  lifecycle { ignore_changes = [name] }
# ^^^^^^^^^ meta.block.terraform meta.block.terraform storage.type.block.terraform
#             ^^^^^^^^^^^^^^ variable.other.property.terraform
#                                     ^ meta.block.terraform meta.block.terraform punctuation.section.block.end.terraform
  token_validity_units {
# ^^^^^^^^^^^^^^^^^^^^ storage.type.block.terraform
    access_token = "minutes"
#   ^^^^^^^^^^^^ meta.block.terraform meta.block.terraform variable.other.property.terraform
  }
  dynamic "setting" {
# ^^^^^^^ storage.type.block.terraform
#          ^^^^^^^ entity.name.label.terraform
    for_each = var.settings[*].name
#                          ^^^ keyword.operator.splat.terraform
  }
}
# <- meta.block.terraform punctuation.section.block.end.terraform

variable "days" {
# <-------- storage.type.block.terraform
#         ^^^^ entity.name.label.terraform
  type = number
#        ^^^^^^ support.type.primitive.terraform
}
days = 30
# <---- variable.other.property.terraform - meta.block.terraform
#      ^^ constant.numeric.terraform
