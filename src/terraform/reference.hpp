// References to resources and data sources as the evaluator carries them in placeholders and unknown values
// ("aws_iam_role.r.arn", "aws_iam_role.r[0].arn", "data.aws_iam_policy_document.d[\"x\"].json"), taken
// apart so that every rule resolves them the same way. The instances of a resource with count or for_each
// share one body, so an instance key still names that body; the key is kept to tell instances apart where
// it matters (a Deny attached to another instance).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dp::tf {

struct ResourceReference {
  bool data = false;    // data.TYPE.NAME
  std::string type;     // aws_iam_role
  std::string name;     // r
  std::string instance; // "" (none), a literal key ("0", "\"a\""), ".." (a key not known here), "*" (a splat)
  std::string attribute; // what follows: "arn", "name", "json", "" for the whole object
};

// Whether a reference's root names a resource type (lower case, digits and at least one underscore:
// aws_lambda_function), as opposed to var, local, module, data and the other fixed roots.
bool looks_like_resource_type(std::string_view name);

// The parts of a reference text, or nullopt when it does not name a resource or data source.
std::optional<ResourceReference> parse_resource_reference(std::string_view text);

// Whether two instance keys of one resource may name the same instance, and whether they surely do.
bool may_be_same_instance(std::string_view a, std::string_view b);
bool same_instance(std::string_view a, std::string_view b);

// The reference text of one element of a splat ("aws_iam_role.r[*].arn" indexed by `key` gives
// "aws_iam_role.r[key].arn"), or "" when `text` is not a splat of a resource.
std::string splat_element(std::string_view text, std::string_view key);

} // namespace dp::tf
