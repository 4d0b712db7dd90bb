// The embedded provider schema (spec section 3): the resources and data sources the durable rules read,
// with argument types, required arguments and nested block limits. Types not listed are not checked.
#pragma once

#include <string_view>
#include <vector>

namespace dp::tf {

enum class ArgType { Any, String, Number, Bool, List, Map };

struct ArgSchema {
  const char* name;
  ArgType type;
  bool required;
  bool computed_only = false; // exported by the provider but not settable (tags_all)
};

struct BlockSchema;

struct NestedSchema {
  const char* name;
  int max_items; // 0 = unlimited
  const BlockSchema* body;
};

struct BlockSchema {
  std::vector<ArgSchema> args;
  std::vector<NestedSchema> blocks;
  bool open = false; // contents not checked (nested blocks whose schema we do not embed)
};

// Schema of a resource ("resource") or data source ("data") type, or null when not embedded.
const BlockSchema* find_schema(std::string_view kind, std::string_view type);

const char* arg_type_name(ArgType t);

} // namespace dp::tf
