#include "export/zip.hpp"

#include <cstdint>

namespace dp::exporter {
namespace {

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

constexpr uint32_t kDosTime = 0;                                    // 00:00:00
constexpr uint32_t kDosDate = ((2025 - 1980) << 9) | (12 << 5) | 2; // 2025-12-02, the re:Invent launch

} // namespace

uint32_t crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string zip_archive(const std::vector<ExportFile>& files, const std::string& root) {
  std::string out, directory;
  for (const auto& f : files) {
    std::string name = root.empty() ? f.path : root + "/" + f.path;
    uint32_t offset = static_cast<uint32_t>(out.size());
    uint32_t crc = crc32(f.content);
    uint32_t size = static_cast<uint32_t>(f.content.size());
    // Local file header
    put32(out, 0x04034b50);
    put16(out, 20);     // version needed
    put16(out, 0x0800); // flags: UTF-8 names
    put16(out, 0);      // stored
    put16(out, kDosTime);
    put16(out, kDosDate);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<uint32_t>(name.size()));
    put16(out, 0);
    out += name;
    out += f.content;
    // Central directory entry
    put32(directory, 0x02014b50);
    put16(directory, 0x0314); // made by: Unix, 2.0
    put16(directory, 20);
    put16(directory, 0x0800);
    put16(directory, 0);
    put16(directory, kDosTime);
    put16(directory, kDosDate);
    put32(directory, crc);
    put32(directory, size);
    put32(directory, size);
    put16(directory, static_cast<uint32_t>(name.size()));
    put16(directory, 0);              // extra
    put16(directory, 0);              // comment
    put16(directory, 0);              // disk
    put16(directory, 0);              // internal attributes
    put32(directory, 0100644u << 16); // external attributes: a regular file, rw-r--r--
    put32(directory, offset);
    directory += name;
  }
  uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(files.size()));
  put16(out, static_cast<uint32_t>(files.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

} // namespace dp::exporter
