// The page's own small files in /data (the persistent directory synced to IndexedDB): the document, the
// lesson progress. Reads and writes whole files; the caller asks for a sync after a write that matters.
#pragma once

#include <string>

namespace dp::ui {

// The file's bytes, or "" when it does not exist or cannot be read.
std::string read_data_file(const char* path);
// Replaces the file with `text`; false when it could not be written completely.
bool write_data_file(const char* path, const std::string& text);

} // namespace dp::ui
