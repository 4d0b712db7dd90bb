// A lesson FileReader for tests: the given files in memory, with the repository's own files (examples,
// lessons) behind them.
#pragma once

#include <map>
#include <string>

#include "lessons/lesson.hpp"

namespace dp::lessons::test {

inline FileReader reader(std::map<std::string, std::string> files) {
  FileReader repo = directory_reader(DP_SOURCE_DIR);
  return [files = std::move(files), repo](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it != files.end())
      return it->second;
    return repo(path);
  };
}

} // namespace dp::lessons::test
