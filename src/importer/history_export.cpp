#include "importer/history_export.hpp"

namespace dp::importer {

Json history_page(const engine::Execution& execution) {
  Json events = Json::array();
  for (const auto& ev : execution.events)
    events.push_back(engine::to_json(ev));
  return Json{{"Events", events}};
}

Json describe_execution(const engine::Execution& e) {
  Json j = Json::object();
  j["DurableExecutionArn"] = e.arn;
  j["DurableExecutionName"] = e.name;
  if (e.document) {
    const auto& f = e.document->function;
    j["FunctionArn"] = "arn:aws:lambda:" + f.region + ":123456789012:function:" + f.name;
  }
  j["InputPayload"] = e.input_payload;
  j["Status"] = to_string(e.status);
  j["StartTimestamp"] = engine::iso8601(e.start_ms);
  if (e.end_ms)
    j["EndTimestamp"] = engine::iso8601(*e.end_ms);
  if (e.result)
    j["Result"] = *e.result;
  if (e.error)
    j["Error"] = engine::to_json(*e.error);
  return j;
}

std::string export_history_text(const engine::Execution& execution) {
  return json_text(history_page(execution), 2) + "\n" + json_text(describe_execution(execution), 2) + "\n";
}

} // namespace dp::importer
