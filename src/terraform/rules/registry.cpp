// The rule registry: every rule id of the spec with its usual severity and the explanation the page and
// the CLI show (what, why, how to fix, source). HCL rules are emitted by the parser; the others are the
// check_* functions, run in this order by validate.cpp.
#include "terraform/validate.hpp"

namespace dp::tf {
namespace {

constexpr const char* kHclSpec = "https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md";
constexpr const char* kValidate = "https://developer.hashicorp.com/terraform/cli/commands/validate";
constexpr const char* kFunctionDoc =
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function";
constexpr const char* kAliasDoc =
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_alias";
constexpr const char* kRuntimes =
    "https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html";
constexpr const char* kDurableConfig = "https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html";
constexpr const char* kConfigure = "https://docs.aws.amazon.com/lambda/latest/dg/durable-configuration.html";
constexpr const char* kSecurity = "https://docs.aws.amazon.com/lambda/latest/dg/durable-security.html";
constexpr const char* kManagedPolicy = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/"
                                       "AWSLambdaBasicDurableExecutionRolePolicy.html";
constexpr const char* kInvoking = "https://docs.aws.amazon.com/lambda/latest/dg/durable-invoking.html";
constexpr const char* kChangelog =
    "https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md";
constexpr const char* kRuntimePolicy = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";

const std::vector<RuleInfo> kRules = {
    {"HCL001", Severity::Error, "Unterminated quoted string",
     "A quoted string has no closing quote on its line.",
     "Quoted strings cannot span lines; everything after the missing quote is read wrongly.",
     "Add the closing \" on the same line, or use a heredoc (<<EOT ... EOT) for multi-line text.", kHclSpec},
    {"HCL002", Severity::Error, "Unclosed block", "A block's { has no matching } before the end of the file.",
     "Terraform cannot tell where the block ends, so nothing after it is understood.",
     "Add the missing } (the diagnostic points at the block's opening brace).", kHclSpec},
    {"HCL003", Severity::Error, "Bad template sequence",
     "A ${...} or %{...} sequence is unclosed, has extra "
     "characters, or a directive (if/else/endif/for/endfor) does not match.",
     "Templates are parsed like code; a broken sequence swallows the rest of the string.",
     "Close each ${ with }, pair %{if} with %{endif} and %{for} with %{endfor}; write $${ for a literal ${.",
     kHclSpec},
    {"HCL004", Severity::Error, "Attribute redefined", "The same argument is set twice in one block.",
     "Each argument may be set only once; Terraform rejects the file.",
     "Remove one of the two definitions (the message cites the first).", kHclSpec},
    {"HCL005", Severity::Error, "Invalid character or operator",
     "A character the language does not use: ; ` ' "
     "curly quotes, bitwise operators, ** or invalid UTF-8.",
     "These usually come from copying code from documents or other languages.",
     "Use straight double quotes, newlines instead of ;, && || ! instead of & | ~, and save the file as "
     "UTF-8.",
     kHclSpec},
    {"HCL006", Severity::Error, "Invalid argument or block layout",
     "An argument or block is not laid out as HCL "
     "requires: missing newline, quoted argument name, bad labels, or a one-line block with more than one "
     "argument.",
     "Newlines end arguments and block headers in HCL; the parser cannot recover the intended structure.",
     "Put each argument on its own line, write names without quotes, and open multi-argument blocks with { "
     "followed by a newline.",
     kHclSpec},
    {"HCL007", Severity::Error, "Unterminated heredoc",
     "A heredoc (<<ID or <<-ID) has no closing marker line.",
     "The rest of the file becomes part of the string.",
     "Put the marker (e.g. EOT) alone on its own line after the text.", kHclSpec},
    {"HCL008", Severity::Error, "Malformed expression",
     "An expression is missing, unbalanced, has a bad number, "
     "escape or separator, or nests too deeply.",
     "Terraform cannot evaluate the argument.", "Fix the expression at the position shown.", kHclSpec},
    {"TF001", Severity::Error, "Unsupported top-level block",
     "A top-level block type Terraform does not know, or "
     "one with the wrong number of labels.",
     "terraform validate rejects it before anything else runs.",
     "Use one of terraform, provider, variable, locals, output, module, resource, data, ephemeral, check, "
     "import, moved, removed with the right labels (resource and data take a type and a name).",
     kValidate},
    {"TF002", Severity::Error, "Unsupported argument", "An argument the resource's schema does not have.",
     "terraform validate fails with \"Unsupported argument\"; often a typo or an argument of a newer "
     "provider.",
     "Fix the name (a did-you-mean is shown) or remove it.", kFunctionDoc},
    {"TF003", Severity::Error, "Unsupported block type",
     "A nested block the resource's schema does not have.",
     "terraform validate fails; with hashicorp/aws older than 6.25.0 this is what durable_config produces.",
     "Fix the block name or upgrade the provider.", kFunctionDoc},
    {"TF004", Severity::Error, "Missing required argument",
     "A required argument is absent (e.g. function_name, "
     "role, or durable_config.execution_timeout).",
     "Terraform or the Lambda service rejects the configuration.", "Add the argument.", kFunctionDoc},
    {"TF005", Severity::Error, "Too many blocks",
     "More blocks of a type than the schema allows (durable_config "
     "is MaxItems 1).",
     "terraform validate fails.", "Keep a single block.", kFunctionDoc},
    {"TF006", Severity::Error, "Duplicate address",
     "Two resources, data sources, variables, outputs, modules or "
     "locals with the same address.",
     "Terraform requires unique names within a module.", "Rename or remove one of them.", kValidate},
    {"TF007", Severity::Error, "Reference to undeclared object",
     "A reference to a resource, data source, variable, "
     "local or module that is not declared in this module, or an import block whose to names a resource "
     "that has no resource block.",
     "terraform validate fails with \"Reference to undeclared resource\"; terraform plan fails on an import "
     "target without configuration (\"Configuration for import target does not exist\").",
     "Declare it, or fix the name (a did-you-mean is shown).", kValidate},
    {"TF008", Severity::Error, "Incorrect value type",
     "A literal that cannot be converted to the argument's type "
     "(\"true\"/\"false\" and numeric strings are converted, as Terraform does).",
     "terraform validate fails with \"Incorrect attribute value type\".", "Write a value of the right type.",
     kValidate},
    {"TF009", Severity::Error, "Invalid meta-argument or name",
     "count together with for_each in one resource, a variable named after a module meta-argument "
     "(source, version, providers, count, for_each, lifecycle, depends_on, locals), a module source or "
     "version that is not a literal string, a depends_on entry that names an attribute, or an import block "
     "whose to is not a managed resource's address.",
     "terraform validate rejects the configuration before planning.",
     "Keep one of count and for_each; rename the variable; write the module's source and version as plain "
     "strings; list whole objects in depends_on; write an import's to as TYPE.NAME (with [KEY] for one "
     "instance, inside module.NAME. for a module's resource).",
     kValidate},
    {"LMB001", Severity::Error, "Unknown runtime", "runtime is not one of the Lambda runtime identifiers.",
     "The provider rejects it at validate time.",
     "Use a runtime from the list (e.g. python3.13, nodejs22.x).", kFunctionDoc},
    {"LMB002", Severity::Error, "Timeout out of range", "timeout is outside 1-900 seconds.",
     "Lambda allows at most 15 minutes per invocation.",
     "Use 1-900; durable executions last longer through "
     "durable_config.execution_timeout.",
     kFunctionDoc},
    {"LMB003", Severity::Error, "Memory size out of range",
     "memory_size < 128 or > 32768 (warning for "
     "10241-32768, where the schema and the docs disagree).",
     "The provider or the service rejects it.", "Use 128-10240 MB.", kFunctionDoc},
    {"LMB004", Severity::Error, "Invalid handler",
     "handler is empty, longer than 128 characters or contains "
     "whitespace.",
     "The Lambda API rejects it.", "Use file.export (Node.js) or module.function (Python).", kFunctionDoc},
    {"LMB005", Severity::Error, "Zip package without handler or runtime",
     "A Zip-packaged function without "
     "handler or runtime.",
     "The provider fails at plan time.", "Set both handler and runtime, or use package_type = \"Image\".",
     kFunctionDoc},
    {"LMB006", Severity::Error, "Code source",
     "Not exactly one of filename, image_uri, s3_bucket; or s3_bucket "
     "without s3_key.",
     "The provider requires exactly one code source.", "Keep exactly one; add s3_key with s3_bucket.",
     kFunctionDoc},
    {"LMB007", Severity::Warning, "Deprecated runtime", "The runtime is deprecated by Lambda.",
     "Deprecated runtimes get no security updates and eventually cannot be updated.",
     "Move to a supported runtime.", kRuntimePolicy},
    {"LMB008", Severity::Error, "Invalid alias",
     "Alias name all digits or outside [a-zA-Z0-9-_]{1,128}, or a "
     "literal function_version that is neither $LATEST nor digits.",
     "The Lambda API rejects it.",
     "Use a name like live and function_version = aws_lambda_function.X.version.", kAliasDoc},
    {"LMB009", Severity::Error, "Role is not an IAM role ARN",
     "A literal role that is not "
     "arn:PARTITION:iam::ACCOUNT:role/NAME.",
     "Lambda needs the execution role's ARN, not its name.", "Use aws_iam_role.X.arn or the full ARN.",
     kFunctionDoc},
    {"DUR001", Severity::Error, "Runtime does not support durable execution",
     "durable_config on a Zip function "
     "whose runtime is not durable-capable (warning when support is unconfirmed).",
     "Lambda rejects the function: \"You cannot use a managed runtime that does not support a durable "
     "configuration\".",
     "Use nodejs22.x, nodejs24.x, python3.13, python3.14, java17/21/25 or dotnet8/10, or a container image "
     "(the documented way to run a custom runtime).",
     kRuntimes},
    {"DUR002", Severity::Error, "execution_timeout out of range",
     "durable_config.execution_timeout is outside "
     "1-31,622,400 seconds (366 days).",
     "The provider and the service reject it.",
     "Give the whole execution's limit in seconds, at most 31622400.", kDurableConfig},
    {"DUR003", Severity::Error, "retention_period out of range",
     "durable_config.retention_period is outside 1-90 "
     "days.",
     "The provider and the service reject it.", "Use 1-90 days (default 14).", kDurableConfig},
    {"DUR004", Severity::Error, "Execution role lacks checkpoint permissions",
     "The role is fully analysable and "
     "does not allow both lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState on the "
     "function's "
     "durable-execution ARN.",
     "Without them the SDK cannot checkpoint or replay: every execution fails.",
     "Attach AWSLambdaBasicDurableExecutionRolePolicy, or allow both actions on "
     "\"${aws_lambda_function.X.arn}:*\".",
     kSecurity},
    {"DUR005", Severity::Error, "Durable permissions on an unqualified or alias ARN",
     "The durable actions are "
     "granted only on the unqualified function ARN, qualified_arn without /durable-execution/*, or an alias "
     "ARN.",
     "Durable-execution ARNs are arn:...:function:NAME:VERSION/durable-execution/...; the unqualified ARN "
     "never "
     "matches them and aliases do not apply.",
     "Use \"${aws_lambda_function.X.arn}:*\" as the resource.", kSecurity},
    {"DUR006", Severity::Warning, "Wildcard action grants more than durable execution",
     "An Allow that covers the "
     "durable actions with *, lambda:* or a pattern that also matches other Lambda actions.",
     "Least privilege: the role can then also invoke, update or delete functions.",
     "List lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState explicitly.", kSecurity},
    {"DUR007", Severity::Info, "Durable actions on every function",
     "The durable actions are granted on \"*\" in a "
     "customer-written policy.",
     "The role could checkpoint any function's executions.",
     "Scope the resource to \"${aws_lambda_function.X.arn}:*\".", kSecurity},
    {"DUR008", Severity::Warning, "Misspelled durable action",
     "A lambda: action close to a durable action but not "
     "a Lambda action (CheckpointDurableExecutions, draft names like ManageDurableState).",
     "IAM accepts unknown actions silently, so the permission is simply missing.",
     "Use lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState.", kManagedPolicy},
    {"DUR009", Severity::Warning, "No published version or alias",
     "A durable function with publish absent/false "
     "and no alias on a published version (info when only $LATEST is available).",
     "Durable functions must be invoked through a qualified ARN; $LATEST cannot carry resource-policy "
     "permissions.",
     "Set publish = true and add aws_lambda_alias with function_version = aws_lambda_function.X.version.",
     kInvoking},
    {"DUR010", Severity::Error, "Unqualified invocation of a durable function",
     "Something invokes the durable "
     "function through its unqualified ARN or name (also as the FunctionName of an EventBridge Scheduler "
     "universal target's input).",
     "Lambda rejects it: \"You cannot invoke a durable function using an unqualified ARN\".",
     "Point it at aws_lambda_alias.A.arn (or set qualifier).", kInvoking},
    {"DUR011", Severity::Error, "Provider version without durable_config",
     "The hashicorp/aws constraint excludes "
     "6.25.0 and later (error), admits older versions (warning) or is missing (info).",
     "durable_config first appeared in hashicorp/aws 6.25.0 (December 4, 2025); older providers fail with "
     "\"Unsupported block type\".",
     "Require version = \">= 6.25.0\" for hashicorp/aws.", kChangelog},
    {"DUR012", Severity::Warning, "execution_timeout shorter than timeout",
     "durable_config.execution_timeout is "
     "less than the function's timeout.",
     "The execution timeout bounds the whole execution, the function timeout a single invocation.",
     "Make execution_timeout at least the function timeout.", kConfigure},
    {"DUR013", Severity::Info, "Synchronous invoker capped at 15 minutes",
     "execution_timeout > 900 while a "
     "synchronous invoker (function URL, aws_lambda_invocation, API Gateway, ALB) targets the function.",
     "Synchronous invocations end after 15 minutes at most.", "Invoke asynchronously for long executions.",
     kInvoking},
    {"DUR014", Severity::Warning, "Region not confirmed for durable functions",
     "The function's region is in a "
     "partition where durable functions are not confirmed (GovCloud, China, ISO, EUSC).",
     "Creating the function fails where the feature is not available.", "Deploy to a commercial region.",
     kFunctionDoc},
    {"DUR015", Severity::Warning, "Delete timeout too short",
     "A durable function without timeouts { delete } "
     "(info when it is below 60 minutes).",
     "On destroy the provider first stops running executions, which can take up to 60 minutes; the default "
     "is 10.",
     "Add timeouts { delete = \"60m\" }.", kFunctionDoc},
    {"DUR016", Severity::Info, "Implicit retention period",
     "retention_period omitted (14 days), or below the "
     "host's audit_min_days setting.",
     "Execution history is deleted after the retention period.", "Set retention_period explicitly (1-90).",
     kConfigure},
    {"DUR017", Severity::Info, "Toggling durable_config forces replacement",
     "Edit mode: durable_config was added "
     "to or removed from an existing function.",
     "Durable execution can only be set at creation: Terraform destroys and recreates the function.",
     "Create a new function instead, or accept the replacement.", kConfigure},
};

} // namespace

const std::vector<RuleInfo>& all_rules() {
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& r : kRules)
    if (id == r.id)
      return &r;
  return nullptr;
}

} // namespace dp::tf
