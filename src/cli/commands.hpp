// The durable-sim subcommands. Each returns the process exit code: 0 done, 1 the run did not reach the
// requested point, 2 bad input (a message on stderr says where and what; nothing stored is changed).
#pragma once

#include <string>
#include <vector>

namespace dp::cli {

int dispatch(const std::vector<std::string>& args);
int cmd_export(const std::vector<std::string>& args);         // export_command.cpp
int cmd_lessons(const std::vector<std::string>& args);        // lessons_command.cpp
int cmd_import(const std::vector<std::string>& args);         // import_command.cpp
int cmd_export_history(const std::vector<std::string>& args); // import_command.cpp
int cmd_replay(const std::vector<std::string>& args);         // replay_command.cpp

} // namespace dp::cli
