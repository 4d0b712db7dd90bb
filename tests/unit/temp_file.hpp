// Scratch files for unit tests. Each test process gets a folder of its own under the system's temporary
// folder: tests run from two checkouts, or at once by `ctest -j`, never open each other's database (a
// newer schema left by another branch's run failed a test here), and the folder goes when the process
// ends, with the -wal and -shm files SQLite leaves beside each database.
#pragma once

#include <filesystem>
#include <string>

#include <unistd.h>

namespace dp::test {

class TempFolder {
public:
  TempFolder() : m_path(std::filesystem::temp_directory_path() / ("dp_unit_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_path); // a folder left by a killed process with the same id
    std::filesystem::create_directories(m_path);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

// The path of a scratch file named `name` in this process's folder: it exists only if this process made it.
inline std::string temp_file(const std::string& name) {
  static TempFolder folder;
  return (folder.path() / name).string();
}

} // namespace dp::test
