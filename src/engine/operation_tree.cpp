#include "engine/operation_tree.hpp"

#include <algorithm>
#include <utility>

namespace dp::engine {

OperationTree OperationTree::of(const Execution& e) {
  OperationTree tree;
  const auto n = static_cast<uint32_t>(e.op_order.size());
  tree.m_size = n;
  std::vector<const Operation*> ops(n);
  for (uint32_t i = 0; i < n; ++i)
    ops[i] = e.op(e.op_order[i]);
  const auto shown = [](const Operation* op) {
    return op != nullptr && op->type != OperationType::Execution;
  };
  // Operation -> op_order index, sorted by address: a parent is found with the lookup e.op() does anyway
  // plus a binary search, instead of a second hash table of id strings.
  std::vector<std::pair<const Operation*, uint32_t>> index_of(n);
  for (uint32_t i = 0; i < n; ++i)
    index_of[i] = {ops[i], i};
  std::sort(index_of.begin(), index_of.end());
  constexpr uint32_t kHidden = ~0u;
  std::vector<uint32_t> parent(n, kHidden);
  // Siblings mostly start one after another: the previous operation's parent is looked up once for them.
  const std::string* last_parent_id = nullptr;
  uint32_t last_parent = n;
  for (uint32_t i = 0; i < n; ++i) {
    if (!shown(ops[i]))
      continue;
    const std::optional<std::string>& parent_id = ops[i]->parent_id;
    if (!parent_id) {
      parent[i] = n; // the top
      continue;
    }
    if (last_parent_id == nullptr || *last_parent_id != *parent_id) {
      last_parent_id = &*parent_id;
      last_parent = n;
      const Operation* up = e.op(*parent_id);
      const auto it = std::lower_bound(index_of.begin(), index_of.end(), std::make_pair(up, uint32_t{0}));
      if (shown(up) && it != index_of.end() && it->first == up)
        last_parent = it->second;
    }
    parent[i] = last_parent;
  }
  // Group by parent (a counting sort): each group keeps start order.
  tree.m_begin.assign(n + 2, 0);
  for (uint32_t i = 0; i < n; ++i)
    if (parent[i] != kHidden)
      ++tree.m_begin[parent[i] + 1];
  for (uint32_t p = 0; p <= n; ++p)
    tree.m_begin[p + 1] += tree.m_begin[p];
  tree.m_list.resize(tree.m_begin[n + 1]);
  std::vector<uint32_t> next(tree.m_begin.begin(), tree.m_begin.end() - 1);
  for (uint32_t i = 0; i < n; ++i)
    if (parent[i] != kHidden)
      tree.m_list[next[parent[i]]++] = i;
  return tree;
}

std::span<const uint32_t> OperationTree::children(uint32_t parent) const {
  if (parent >= m_size + 1 || m_begin.empty())
    return {};
  return {m_list.data() + m_begin[parent], m_begin[parent + 1] - m_begin[parent]};
}

} // namespace dp::engine
