// libFuzzer target for the history importer (issue 13): any input either reads or gives an error naming
// where; reading and building in one-unit slices (the page's way) gives exactly what one call gives; a
// built execution exports to a history that reads back to the same events (export -> import).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

#include "importer/execution_builder.hpp"
#include "importer/history_export.hpp"
#include "importer/history_reader.hpp"

namespace {
// One unit of work per slice: the first ask says "go on", the second "stop".
bool second_ask(bool& asked) {
  return std::exchange(asked, true);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dp::importer;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto whole = read_history({Source{"fuzz.json", text}});
  HistoryReader reader({Source{"fuzz.json", text}});
  while (!reader.done()) {
    bool asked = false;
    (void)reader.advance([&] { return second_ask(asked); });
  }
  auto sliced = reader.take();
  if (whole.ok() != sliced.ok())
    std::abort(); // slicing must not change the outcome
  if (!whole.ok()) {
    if (whole.error().message.empty() || whole.error().text() != sliced.error().text())
      std::abort(); // every error says what is wrong, the same way both times
    return 0;
  }
  if (whole->events.size() != sliced->events.size())
    std::abort();
  auto built = build_execution(*whole, "fuzz");
  ExecutionBuilder builder(std::move(*sliced), "fuzz");
  while (!builder.done()) {
    bool asked = false;
    (void)builder.advance([&] { return second_ask(asked); });
  }
  auto built_sliced = builder.take();
  if (built.ok() != built_sliced.ok())
    std::abort();
  if (!built.ok()) {
    if (built.error().message.empty() || built.error().text() != built_sliced.error().text())
      std::abort();
    return 0;
  }
  if (built->execution.op_order != built_sliced->execution.op_order ||
      built->trace.size() != built_sliced->trace.size())
    std::abort();
  // Export, then import: the same events.
  auto again = read_history({Source{"exported.json", export_history_text(built->execution)}});
  if (!again.ok() || again->events.size() != built->execution.events.size())
    std::abort();
  return 0;
}
