// The durable-sim subcommands. Each returns the process exit code: 0 done, 1 the run did not reach the
// requested point, 2 bad input (a message on stderr says where and what; nothing stored is changed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "cost/cost.hpp"
#include "workflow/document.hpp"

namespace dp::cli {

int dispatch(const std::vector<std::string>& args);
int cmd_export(const std::vector<std::string>& args);  // export_command.cpp
int cmd_lessons(const std::vector<std::string>& args); // lessons_command.cpp
int cmd_scripts(const std::vector<std::string>& args); // scripts_command.cpp
// The repository root for lessons and scripts: `given` (--root), or the nearest folder upwards from the
// current one that has lessons/index.json (lessons_command.cpp).
std::string find_repository_root(const std::string& given);
int cmd_cost(const std::vector<std::string>& args);           // cost_command.cpp
int cmd_import(const std::vector<std::string>& args);         // import_command.cpp
int cmd_export_history(const std::vector<std::string>& args); // import_command.cpp
int cmd_replay(const std::vector<std::string>& args);         // replay_command.cpp

// Shared by the commands: a document or input file read with the CLI's checks (size, folder, missing), a
// workflow document loaded from a file, and the price table (`--prices FILE`, else the built-in one).
Result<std::string> read_input_file(const std::string& path);
// The same checks with another size cap (histories run to hundreds of MB); `too_large` is the message.
Result<std::string> read_input_file(const std::string& path, uintmax_t max_bytes, const char* too_large);
Result<workflow::Document> load_document_file(const std::string& path);
Result<cost::PriceTable> load_prices(const std::string& path);

// A command's arguments: "--key value" options, flags and positional words.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::vector<std::string> flags;
};
// An option not in `with_value` or `flags`, or one without its value, is an error naming it.
Result<Args> parse_args(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                        const std::vector<std::string>& flags);

} // namespace dp::cli
