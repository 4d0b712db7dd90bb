#include <gtest/gtest.h>

#include "export/zip.hpp"

namespace dp::exporter {
namespace {

uint32_t read32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 | uint32_t(uint8_t(s[at + 2])) << 16 |
         uint32_t(uint8_t(s[at + 3])) << 24;
}

TEST(Zip, Crc32CheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u); // the CRC-32/ISO-HDLC check value
  EXPECT_EQ(crc32(""), 0u);
}

TEST(Zip, StoredEntriesAndCentralDirectory) {
  std::vector<ExportFile> files = {{"main.tf", "terraform {}\n"},
                                   {"python/lambda_function.py", "print('x')\n"}};
  std::string zip = zip_archive(files, "order");
  EXPECT_EQ(read32(zip, 0), 0x04034b50u); // first local header
  size_t end = zip.size() - 22;           // end of central directory, no comment
  EXPECT_EQ(read32(zip, end), 0x06054b50u);
  uint32_t directory_offset = read32(zip, end + 16);
  EXPECT_EQ(read32(zip, directory_offset), 0x02014b50u);
  EXPECT_NE(zip.find("order/python/lambda_function.py"), std::string::npos);
  EXPECT_NE(zip.find("print('x')\n"), std::string::npos); // stored, not compressed
  EXPECT_EQ(read32(zip, 14), crc32(files[0].content));    // the local header's CRC
  EXPECT_EQ(zip_archive(files, "order"), zip);            // reproducible byte for byte
}

} // namespace
} // namespace dp::exporter
