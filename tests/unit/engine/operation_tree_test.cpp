// The Operations panel's tree (engine/operation_tree.hpp): each operation under its parent context in start
// order, the execution itself left out, operations with a missing parent at the top.
#include "engine/operation_tree.hpp"

#include <fstream>
#include <iterator>
#include <map>

#include "../test_support.hpp"

namespace dp::engine {
namespace {

// An execution holding `ops` ({id, parent id ("" = none), type}) in that start order.
struct OpSpec {
  std::string id, parent;
  OperationType type = OperationType::Step;
};
Execution execution_of(const std::vector<OpSpec>& ops) {
  Execution e;
  for (const OpSpec& spec : ops) {
    auto op = std::make_shared<Operation>();
    op->id = spec.id;
    if (!spec.parent.empty())
      op->parent_id = spec.parent;
    op->type = spec.type;
    e.op_order.push_back(spec.id);
    e.ops[spec.id] = op;
  }
  return e;
}

// The ids under `parent` (an op_order index, or the top when absent).
std::vector<std::string> ids(const Execution& e, std::span<const uint32_t> indexes) {
  std::vector<std::string> out;
  for (uint32_t i : indexes)
    out.push_back(e.op_order[i]);
  return out;
}

TEST(OperationTree, NestsEachOperationUnderItsParentInStartOrder) {
  const Execution e = execution_of({{"exec", "", OperationType::Execution},
                                    {"a", "exec"},
                                    {"ctx", "exec", OperationType::Context},
                                    {"c1", "ctx"},
                                    {"b", ""},
                                    {"c2", "ctx", OperationType::Wait}});
  const OperationTree tree = OperationTree::of(e);
  EXPECT_EQ(ids(e, tree.top()), (std::vector<std::string>{"a", "ctx", "b"}));
  EXPECT_EQ(ids(e, tree.children(2)), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_TRUE(tree.has_children(2));
  EXPECT_FALSE(tree.has_children(1));
  EXPECT_TRUE(tree.children(0).empty()) << "the execution itself is not in the tree";
  EXPECT_EQ(tree.size(), 6u);
}

TEST(OperationTree, AMissingParentPutsTheOperationAtTheTop) {
  // An imported history may hold a child whose parent's events are not in the file.
  const Execution e = execution_of({{"orphan", "gone"}, {"x", ""}});
  EXPECT_EQ(ids(e, OperationTree::of(e).top()), (std::vector<std::string>{"orphan", "x"}));
}

TEST(OperationTree, AParentStartedAfterItsChildStillHoldsIt) {
  const Execution e = execution_of({{"late-child", "ctx"}, {"ctx", "", OperationType::Context}});
  const OperationTree tree = OperationTree::of(e);
  EXPECT_EQ(ids(e, tree.top()), (std::vector<std::string>{"ctx"}));
  EXPECT_EQ(ids(e, tree.children(1)), (std::vector<std::string>{"late-child"}));
}

TEST(OperationTree, AnIdWithoutAStoredOperationIsLeftOut) {
  Execution e = execution_of({{"a", ""}, {"b", ""}});
  e.op_order.insert(e.op_order.begin() + 1, "not-stored");
  EXPECT_EQ(ids(e, OperationTree::of(e).top()), (std::vector<std::string>{"a", "b"}));
}

TEST(OperationTree, EmptyExecutionAndOutOfRangeParentsHaveNoChildren) {
  const OperationTree empty = OperationTree::of(Execution{});
  EXPECT_TRUE(empty.top().empty());
  EXPECT_TRUE(empty.children(7).empty());
  const OperationTree none;
  EXPECT_TRUE(none.top().empty());
}

TEST(OperationTree, ASimulatedMapNestsItsItemsAndTheirSteps) {
  Engine engine;
  std::ifstream in(std::string(DP_SOURCE_DIR) + "/examples/fan-out-map.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Execution& e = *engine.execution(test::run(engine, test::load(text)));
  const OperationTree tree = OperationTree::of(e);
  // Every stored operation but the execution appears exactly once, under the parent its parent_id names
  // (or at the top when that is the execution).
  std::map<std::string, std::string> placed; // id -> parent id ("" = top)
  std::vector<std::pair<uint32_t, std::string>> pending{};
  for (uint32_t i : tree.top())
    pending.emplace_back(i, "");
  while (!pending.empty()) {
    auto [i, parent] = pending.back();
    pending.pop_back();
    EXPECT_TRUE(placed.emplace(e.op_order[i], parent).second) << e.op_order[i] << " placed twice";
    for (uint32_t k : tree.children(i))
      pending.emplace_back(k, e.op_order[i]);
  }
  size_t shown = 0;
  for (const std::string& id : e.op_order) {
    const Operation* op = e.op(id);
    if (op->type == OperationType::Execution)
      continue;
    ++shown;
    const Operation* up = op->parent_id ? e.op(*op->parent_id) : nullptr;
    const std::string expected = up && up->type != OperationType::Execution ? up->id : "";
    EXPECT_EQ(placed[id], expected) << id;
  }
  EXPECT_EQ(placed.size(), shown);
  EXPECT_GT(shown, 6u) << "the map, its items and their steps";
}

} // namespace
} // namespace dp::engine
