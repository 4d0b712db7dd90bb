// Module building: the top-level block table of Terraform (label counts verified with terraform 1.11.4,
// spec section 1.5), the symbol tables, TF001 and TF006.
#include "terraform/model.hpp"

#include <algorithm>

namespace dp::tf {
namespace {

struct TopLevel {
  const char* type;
  int labels;
};
constexpr TopLevel kTopLevel[] = {{"terraform", 0}, {"provider", 1}, {"variable", 1}, {"locals", 0},
                                  {"output", 1},    {"module", 1},   {"resource", 2}, {"data", 2},
                                  {"ephemeral", 2}, {"check", 1},    {"import", 0},   {"moved", 0},
                                  {"removed", 0}};

Diagnostic diag(Severity s, std::string summary, std::string detail, Range subject, const char* rule) {
  Diagnostic d;
  d.severity = s;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.subject = std::move(subject);
  d.rule = rule;
  return d;
}

std::string where(const Range& r) {
  return r.filename + ":" + std::to_string(r.start.line) + "," + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.column);
}

} // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = given.size() > 8 ? 3 : 2;
  ++best_d;
  for (const auto& c : candidates) {
    size_t d = edit_distance(given, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

const std::vector<BlockRef>& Module::resources_of(std::string_view type) const {
  static const std::vector<BlockRef> kNone;
  auto it = resources_by_type.find(type);
  return it == resources_by_type.end() ? kNone : it->second;
}

const std::vector<BlockRef>& Module::data_of(std::string_view type) const {
  static const std::vector<BlockRef> kNone;
  auto it = data_by_type.find(type);
  return it == data_by_type.end() ? kNone : it->second;
}

const BlockRef* Module::resource(const std::string& type, const std::string& name) const {
  auto it = resources.find(type + "." + name);
  return it == resources.end() ? nullptr : &it->second;
}

Module build_module(std::vector<File> files, Diagnostics& out) {
  Module m;
  m.files = std::move(files);
  std::vector<std::string> names;
  for (const auto& t : kTopLevel)
    names.emplace_back(t.type);
  for (const File& f : m.files) {
    bool ok = !has_errors(f.diagnostics);
    m.analysed.push_back(ok);
    if (!ok) {
      m.complete = false;
      continue;
    }
    for (const Block& b : f.body.blocks) {
      const TopLevel* kind = nullptr;
      for (const auto& t : kTopLevel)
        if (b.type == t.type)
          kind = &t;
      if (!kind) {
        std::string hint = did_you_mean(b.type, names);
        out.push_back(diag(Severity::Error, "Unsupported block type",
                           "Blocks of type \"" + b.type + "\" are not expected here." +
                               (hint.empty() ? "" : " Did you mean \"" + hint + "\"?"),
                           f.range(b.type_span), "TF001"));
        continue;
      }
      if (static_cast<int>(b.labels.size()) != kind->labels) {
        bool missing = static_cast<int>(b.labels.size()) < kind->labels;
        Span at = missing ? b.open_brace : b.labels[static_cast<size_t>(kind->labels)].span;
        out.push_back(
            diag(Severity::Error, missing ? "Missing name for " + b.type : "Extraneous label for " + b.type,
                 "A " + b.type + " block expects " + std::to_string(kind->labels) + " label" +
                     (kind->labels == 1 ? "" : "s") + " (" +
                     (b.type == "resource" || b.type == "data" || b.type == "ephemeral" ? "type and name"
                                                                                        : "name") +
                     ").",
                 f.range(at), "TF001"));
        continue;
      }
      BlockRef ref{&b, &f};
      auto add_block = [&](const BlockRef& r, std::map<std::string, BlockRef>& table, const std::string& key,
                           const char* what) {
        auto [it, inserted] = table.emplace(key, r);
        if (!inserted) {
          const Block& d = *r.block;
          Span at = d.labels.empty() ? d.type_span : d.labels.back().span;
          out.push_back(diag(Severity::Error, std::string("Duplicate ") + what + " configuration",
                             std::string("A ") + what + " named \"" + key + "\" was already declared at " +
                                 where(it->second.file->range(it->second.block->labels.empty()
                                                                  ? it->second.block->type_span
                                                                  : it->second.block->labels.back().span)) +
                                 ". Each " + what + " must have a unique name within the module.",
                             f.range(at), "TF006"));
          return false;
        }
        return true;
      };
      auto add = [&](std::map<std::string, BlockRef>& table, const std::string& key, const char* what) {
        return add_block(ref, table, key, what);
      };
      if (b.type == "resource") {
        if (add(m.resources, b.labels[0].text + "." + b.labels[1].text, "resource")) {
          m.resource_list.push_back(ref);
          m.resources_by_type[b.labels[0].text].push_back(ref);
        }
      } else if (b.type == "data") {
        if (add(m.data, b.labels[0].text + "." + b.labels[1].text, "data resource")) {
          m.data_list.push_back(ref);
          m.data_by_type[b.labels[0].text].push_back(ref);
        }
      } else if (b.type == "check") {
        // A check block's scoped data sources share the module's data namespace (Terraform reports a
        // duplicate across both) and are referenced as data.TYPE.NAME from the check's assertions.
        for (const Block& d : b.body.blocks) {
          if (d.type != "data" || d.labels.size() != 2)
            continue;
          BlockRef scoped{&d, &f};
          if (add_block(scoped, m.data, d.labels[0].text + "." + d.labels[1].text, "data resource")) {
            m.data_list.push_back(scoped);
            m.data_by_type[d.labels[0].text].push_back(scoped);
          }
        }
      } else if (b.type == "variable") {
        add(m.variables, b.labels[0].text, "variable");
      } else if (b.type == "output") {
        add(m.outputs, b.labels[0].text, "output");
      } else if (b.type == "module") {
        add(m.modules, b.labels[0].text, "module call");
      } else if (b.type == "provider") {
        m.providers.push_back(ref);
      } else if (b.type == "terraform") {
        m.terraform_blocks.push_back(ref);
      } else if (b.type == "locals") {
        for (const Attribute& a : b.body.attributes) {
          auto [it, inserted] = m.locals.emplace(a.name, LocalRef{&a, &f});
          if (!inserted)
            out.push_back(diag(Severity::Error, "Duplicate local value definition",
                               "A local value named \"" + a.name + "\" was already defined at " +
                                   where(it->second.file->range(it->second.attr->name_span)) +
                                   ". Local value names must be unique within a module.",
                               f.range(a.name_span), "TF006"));
        }
      }
    }
  }
  return m;
}

} // namespace dp::tf
