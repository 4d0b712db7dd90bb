// Schema tables, from terraform-provider-aws function.go, alias.go, the IAM resources and
// policy_document_data_source.go, and terraform-provider-archive (sources S5, S8, S9, S10 of the spec).
#include "terraform/schema.hpp"

#include <string>

namespace dp::tf {
namespace {

using A = ArgType;

const BlockSchema kOpen{{}, {}, true};

const BlockSchema kDurableConfig{
    {{"execution_timeout", A::Number, true}, {"retention_period", A::Number, false}}, {}};
const BlockSchema kLambdaTimeouts{
    {{"create", A::String, false}, {"update", A::String, false}, {"delete", A::String, false}}, {}};
const BlockSchema kEnvironment{{{"variables", A::Map, false}}, {}};

const BlockSchema kLambdaFunction{{{"function_name", A::String, true},
                                   {"role", A::String, true},
                                   {"filename", A::String, false},
                                   {"image_uri", A::String, false},
                                   {"s3_bucket", A::String, false},
                                   {"s3_key", A::String, false},
                                   {"s3_object_version", A::String, false},
                                   {"package_type", A::String, false},
                                   {"handler", A::String, false},
                                   {"runtime", A::String, false},
                                   {"timeout", A::Number, false},
                                   {"memory_size", A::Number, false},
                                   {"publish", A::Bool, false},
                                   {"publish_to", A::String, false},
                                   {"architectures", A::List, false},
                                   {"reserved_concurrent_executions", A::Number, false},
                                   {"layers", A::List, false},
                                   {"kms_key_arn", A::String, false},
                                   {"source_kms_key_arn", A::String, false},
                                   {"code_signing_config_arn", A::String, false},
                                   {"source_code_hash", A::String, false},
                                   {"code_sha256", A::String, false},
                                   {"description", A::String, false},
                                   {"tags", A::Map, false},
                                   {"tags_all", A::Map, false, true},
                                   {"skip_destroy", A::Bool, false},
                                   {"replace_security_groups_on_destroy", A::Bool, false},
                                   {"replacement_security_group_ids", A::List, false},
                                   {"region", A::String, false}},
                                  {{"durable_config", 1, &kDurableConfig},
                                   {"timeouts", 1, &kLambdaTimeouts},
                                   {"environment", 1, &kEnvironment},
                                   {"ephemeral_storage", 1, &kOpen},
                                   {"tracing_config", 1, &kOpen},
                                   {"vpc_config", 1, &kOpen},
                                   {"dead_letter_config", 1, &kOpen},
                                   {"logging_config", 1, &kOpen},
                                   {"snap_start", 1, &kOpen},
                                   {"image_config", 1, &kOpen},
                                   {"file_system_config", 1, &kOpen},
                                   {"tenancy_config", 1, &kOpen},
                                   {"capacity_provider_config", 1, &kOpen}}};

const BlockSchema kAlias{{{"name", A::String, true},
                          {"function_name", A::String, true},
                          {"function_version", A::String, true},
                          {"description", A::String, false},
                          {"region", A::String, false}},
                         {{"routing_config", 1, &kOpen}, {"timeouts", 1, &kOpen}}};

const BlockSchema kInlinePolicy{{{"name", A::String, false}, {"policy", A::String, false}}, {}};
const BlockSchema kRole{{{"assume_role_policy", A::String, true},
                         {"name", A::String, false},
                         {"name_prefix", A::String, false},
                         {"path", A::String, false},
                         {"description", A::String, false},
                         {"max_session_duration", A::Number, false},
                         {"permissions_boundary", A::String, false},
                         {"force_detach_policies", A::Bool, false},
                         {"managed_policy_arns", A::List, false},
                         {"tags", A::Map, false},
                         {"tags_all", A::Map, false, true}},
                        {{"inline_policy", 0, &kInlinePolicy}}};

const BlockSchema kRolePolicy{{{"role", A::String, true},
                               {"policy", A::String, true},
                               {"name", A::String, false},
                               {"name_prefix", A::String, false}},
                              {}};
const BlockSchema kRolePolicyAttachment{{{"role", A::String, true}, {"policy_arn", A::String, true}}, {}};
const BlockSchema kPolicy{{{"policy", A::String, true},
                           {"name", A::String, false},
                           {"name_prefix", A::String, false},
                           {"path", A::String, false},
                           {"description", A::String, false},
                           {"delay_after_policy_creation_in_ms", A::Number, false},
                           {"tags", A::Map, false},
                           {"tags_all", A::Map, false, true}},
                          {}};

const BlockSchema kPrincipals{{{"type", A::String, true}, {"identifiers", A::List, true}}, {}};
const BlockSchema kCondition{
    {{"test", A::String, true}, {"variable", A::String, true}, {"values", A::List, true}}, {}};
const BlockSchema kStatement{
    {{"sid", A::String, false},
     {"effect", A::String, false},
     {"actions", A::List, false},
     {"not_actions", A::List, false},
     {"resources", A::List, false},
     {"not_resources", A::List, false}},
    {{"principals", 0, &kPrincipals}, {"not_principals", 0, &kPrincipals}, {"condition", 0, &kCondition}}};
const BlockSchema kPolicyDocument{{{"policy_id", A::String, false},
                                   {"version", A::String, false},
                                   {"source_policy_documents", A::List, false},
                                   {"override_policy_documents", A::List, false},
                                   {"source_json", A::String, false},
                                   {"override_json", A::String, false}},
                                  {{"statement", 0, &kStatement}}};

const BlockSchema kArchiveSource{{{"content", A::String, true}, {"filename", A::String, true}}, {}};
const BlockSchema kArchiveFile{{{"type", A::String, true},
                                {"output_path", A::String, true},
                                {"source_file", A::String, false},
                                {"source_dir", A::String, false},
                                {"source_content", A::String, false},
                                {"source_content_filename", A::String, false},
                                {"excludes", A::List, false},
                                {"exclude_symlink_directories", A::Bool, false},
                                {"output_file_mode", A::String, false},
                                {"follow_symlinks", A::Bool, false}},
                               {{"source", 0, &kArchiveSource}}};

} // namespace

const BlockSchema* find_schema(std::string_view kind, std::string_view type) {
  if (kind == "resource") {
    if (type == "aws_lambda_function")
      return &kLambdaFunction;
    if (type == "aws_lambda_alias")
      return &kAlias;
    if (type == "aws_iam_role")
      return &kRole;
    if (type == "aws_iam_role_policy")
      return &kRolePolicy;
    if (type == "aws_iam_role_policy_attachment")
      return &kRolePolicyAttachment;
    if (type == "aws_iam_policy")
      return &kPolicy;
  } else if (kind == "data") {
    if (type == "aws_iam_policy_document")
      return &kPolicyDocument;
    if (type == "archive_file")
      return &kArchiveFile;
  }
  return nullptr;
}

const char* arg_type_name(ArgType t) {
  switch (t) {
  case ArgType::Any:
    return "any";
  case ArgType::String:
    return "string";
  case ArgType::Number:
    return "number";
  case ArgType::Bool:
    return "bool";
  case ArgType::List:
    return "list";
  case ArgType::Map:
    return "map";
  }
  return "any";
}

} // namespace dp::tf
