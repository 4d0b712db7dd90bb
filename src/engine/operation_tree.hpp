#pragma once
// The operations of one execution as a tree, the way the Lambda console's "Durable operations" list nests
// them: each operation under its parent context, in start order. Positions are indexes into the
// execution's op_order, so that building the tree of a 40,000-operation import copies no id strings
// (bench case h).
#include <cstdint>
#include <span>
#include <vector>

#include "engine/service.hpp"

namespace dp::engine {

class OperationTree {
public:
  // The tree of `e` as it is now (op_order only grows: rebuild to see newer operations). The EXECUTION
  // operation itself is not in the tree; operations whose parent is the execution, or whose parent is not
  // stored (an imported history may lack it), are at the top.
  static OperationTree of(const Execution& e);

  // The op_order indexes of the operations under `parent` (an op_order index), in start order.
  std::span<const uint32_t> children(uint32_t parent) const;
  std::span<const uint32_t> top() const { return children(m_size); }
  bool has_children(uint32_t parent) const { return !children(parent).empty(); }
  // op_order's size when the tree was built.
  uint32_t size() const { return m_size; }

private:
  uint32_t m_size = 0;
  std::vector<uint32_t> m_begin; // per op_order index, then the top: where its children start in m_list
  std::vector<uint32_t> m_list;  // op_order indexes grouped by parent, in start order within a group
};

} // namespace dp::engine
