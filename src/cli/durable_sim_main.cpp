// durable-sim: run workflow documents headless, keep their checkpoints in SQLite, answer callbacks,
// move the clock, print histories. Usage: durable-sim help.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return dp::cli::dispatch(args);
}
