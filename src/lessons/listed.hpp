// Loading every file an index lists: lessons (lessons/index.json) and demo scripts
// (lessons/scripts/index.json) are both an index of ids and one file per id.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace dp::lessons {

// What loading an index's files gave: the files that loaded, in index order, and an error for each that
// did not (or for the index itself). The page keeps the first and names the second in a notice; `verify`
// and the tests take the first error (all_or_first_error).
template <class Item>
struct Listed {
  std::vector<Item> items;
  std::vector<Error> errors;
};

// Loads each path of an index with `load_one(path) -> Result<Item>`; each item's path must be
// `folder` + its id + ".json".
template <class Item, class LoadOne>
Listed<Item> load_listed(const Result<std::vector<std::string>>& index, const std::string& folder,
                         LoadOne&& load_one) {
  Listed<Item> out;
  if (!index.ok()) {
    out.errors.push_back(index.error());
    return out;
  }
  for (const std::string& path : *index) {
    Result<Item> item = load_one(path);
    if (!item.ok())
      out.errors.push_back(item.error());
    else if (folder + item->id + ".json" != path)
      out.errors.push_back(Error{path + ": $.id", "the id '" + item->id + "' does not match the file name"});
    else
      out.items.push_back(std::move(*item));
  }
  return out;
}

template <class Item>
Result<std::vector<Item>> all_or_first_error(Listed<Item> listed) {
  if (!listed.errors.empty())
    return listed.errors.front();
  return std::move(listed.items);
}

} // namespace dp::lessons
