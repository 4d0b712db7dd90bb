// A ZIP archive of the exported project, written in C++ so the page and the CLI produce the same bytes
// without a JavaScript dependency. Entries are stored (method 0): a starter project is a few kilobytes,
// and stored entries keep the writer small and obviously correct. Timestamps are fixed (reproducible).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"

namespace dp::exporter {

// The files under a top-level folder `root` ("order-processing/python/...").
std::string zip_archive(const std::vector<ExportFile>& files, const std::string& root);

// CRC-32 (ISO-HDLC, as ZIP uses), exposed for tests.
uint32_t crc32(std::string_view data);

} // namespace dp::exporter
