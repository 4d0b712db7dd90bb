// The Terraform layer over HCL files: one module (all .tf files of a directory, or one in-memory text)
// with its resources, data sources, variables, locals, outputs, modules, providers and terraform blocks,
// addressed the way references name them ("aws_lambda_function.main", "data.aws_iam_policy_document.x").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "terraform/ast.hpp"

namespace dp::tf {

struct BlockRef {
  const Block* block = nullptr;
  const File* file = nullptr;

  const std::string& type() const {
    return block && !block->labels.empty() ? block->labels[0].text : empty();
  }
  const std::string& name() const {
    return block && block->labels.size() > 1 ? block->labels[1].text : empty();
  }
  static const std::string& empty() {
    static const std::string kEmpty;
    return kEmpty;
  }
  const Attribute* attr(std::string_view n) const { return block ? block->body.attribute(n) : nullptr; }
  Range range(Span s) const { return file->range(s); }
};

struct LocalRef {
  const Attribute* attr = nullptr;
  const File* file = nullptr;
};

struct Module {
  Module() = default;
  Module(Module&&) = default;
  Module& operator=(Module&&) = default;
  Module(const Module&) = delete;            // BlockRefs point into `files`
  std::vector<File> files;                   // every parsed file, including those with syntax errors
  std::vector<bool> analysed;                // per file: no HCL error, so semantic rules look at it
  std::map<std::string, BlockRef> resources; // "TYPE.NAME"
  std::map<std::string, BlockRef> data;      // "TYPE.NAME" (referenced as data.TYPE.NAME)
  std::map<std::string, BlockRef> variables;
  std::map<std::string, BlockRef> outputs;
  std::map<std::string, BlockRef> modules;
  std::map<std::string, LocalRef> locals;
  std::vector<BlockRef> providers;
  std::vector<BlockRef> terraform_blocks;
  std::vector<BlockRef> resource_list; // resources in file order
  std::vector<BlockRef> data_list;
  std::map<std::string, std::vector<BlockRef>, std::less<>> resources_by_type; // in file order
  std::map<std::string, std::vector<BlockRef>, std::less<>> data_by_type;
  bool complete = true; // false when some file had syntax errors (references may dangle)

  const std::vector<BlockRef>& resources_of(std::string_view type) const;
  const std::vector<BlockRef>& data_of(std::string_view type) const;
  const BlockRef* resource(const std::string& type, const std::string& name) const;
};

// Builds the module from parsed files, reporting TF001 (unsupported top-level block or wrong labels) and
// TF006 (duplicate address) into `out`. Files with syntax errors are kept but not analysed.
Module build_module(std::vector<File> files, Diagnostics& out);

// Edit distance (Levenshtein), for did-you-mean suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within distance 2 (or 3 for long names), or "".
std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates);

} // namespace dp::tf
