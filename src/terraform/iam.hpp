// IAM statement gathering (spec section 5): from a function to its execution role, from the role to every
// policy attached to it (inline, attachments, managed ARNs, aws_iam_policy, aws_iam_policy_document with
// source/override documents, jsonencode, JSON strings and heredocs), and the matching of actions and
// resources against a durable function's durable-execution ARN.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "terraform/eval.hpp"
#include "terraform/model.hpp"

namespace dp::tf {

struct PolicyElement {
  std::string text; // may contain placeholders (kMark ... kMark)
  Range range;      // where it is written
};

struct Statement {
  std::string sid;
  bool allow = true;
  bool not_actions = false;
  bool not_resources = false;
  bool conditional = false;
  bool managed = false; // the AWS managed durable policy (AWSLambdaBasicDurableExecutionRolePolicy)
  std::vector<PolicyElement> actions;
  std::vector<PolicyElement> resources;
};

struct PolicySet {
  std::vector<Statement> statements;
  bool complete = true; // every policy was evaluated
  std::vector<std::string>
      sources; // "aws_iam_role_policy.durable (main.tf:12,12-40)" for each policy considered
};

// Who a function's `role` names: a role declared here, a role known only by name, or unknown.
struct RoleTarget {
  bool known = false;
  std::string resource_name; // NAME of aws_iam_role.NAME, when declared here
  std::string role_name;     // the role's literal name, when known
  std::string instance;      // the instance key when the role has count or for_each (reference.hpp)
  Range range;               // the `role` value
};

class IamGatherer {
public:
  IamGatherer(const Module& module, const Evaluator& eval) : m_module(module), m_eval(eval) {}

  RoleTarget role_of_function(const BlockRef& fn) const;
  // All statements that apply to the role; `boundary` receives the permissions boundary's statements
  // (complete = false when there is none or it cannot be evaluated).
  PolicySet role_statements(const RoleTarget& role, PolicySet& boundary) const;
  PolicySet from_policy_value(const Value& v, int depth = 0) const;
  PolicySet from_policy_arn(const Value& v) const;
  // Whether some policy attachment names its role through a value not known here (a module output, a
  // variable): any role may then have policies that are not seen.
  bool some_attachment_unknown() const {
    if (!m_indexed)
      build_index();
    return m_unknown_attachment;
  }

private:
  PolicySet from_document(const BlockRef& doc, int depth) const;
  // "res:NAME" for aws_iam_role.NAME.name/.id (with `instance` set to its instance key), "lit:NAME" for a
  // literal role name, "" when unknown.
  std::string role_key(const Value& v, std::string& instance) const;
  void build_index() const;

  const Module& m_module;
  const Evaluator& m_eval;
  // Built on first use: attachments and inline policies by the role they name (role_key), so that
  // gathering is linear in the module size however many functions there are.
  mutable bool m_indexed = false;
  struct Attachment {
    BlockRef resource;
    std::string instance; // the instance key of the role it names
  };
  mutable std::multimap<std::string, Attachment> m_by_role;
  mutable bool m_unknown_attachment = false; // some attachment names its role through an unknown value
  mutable std::map<std::string, std::pair<PolicySet, PolicySet>> m_cache; // role -> (statements, boundary)
};

// The ARN pieces of a durable function used for matching.
struct FunctionTarget {
  std::string key;  // "main" of aws_lambda_function.main
  std::string name; // literal function_name, or a sentinel that only its own references produce
};

FunctionTarget function_target(const BlockRef& fn, const Evaluator& eval);

// Case-insensitive glob of an IAM action pattern against a full action name ("lambda:GetFunction").
bool action_matches(std::string_view pattern, std::string_view action);
// Whether an element has an unknown placeholder that makes it unevaluable (for actions).
bool has_placeholder(std::string_view text);

enum class ResourceMatch { None, Durable, Unqualified, Alias };
// How a resource pattern relates to function `fn`: grants its durable-execution ARN, or only names the
// unqualified/qualified function ARN or an alias ARN (DUR005), or unrelated.
// `alias_names`: the literal names of the module's aliases (computed once by the caller).
ResourceMatch match_resource(const std::string& pattern, const FunctionTarget& fn, const Module& module,
                             const Evaluator& eval, const std::vector<std::string>& alias_names);

extern const char* const kCheckpointAction;
extern const char* const kGetStateAction;

} // namespace dp::tf
