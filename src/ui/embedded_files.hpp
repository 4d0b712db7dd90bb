// Files embedded in the page module by path (src/ui/CMakeLists.txt generates the table): the lessons,
// their Terraform texts and the example workflows they name.
#pragma once

#include <cstddef>

namespace dp::assets {

struct EmbeddedFile {
  const char* path; // from the repository root: "lessons/index.json"
  const unsigned char* data;
  const std::size_t* size;
};
extern const EmbeddedFile lesson_files[];
extern const std::size_t lesson_file_count;

} // namespace dp::assets
