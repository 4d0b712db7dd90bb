// [SECTION] index: argument parsing · run · check · database commands · dispatch
#include "cli/commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "base/json_text.hpp"
#include "base/parse_number.hpp"
#include "cli/run_report.hpp"
#include "cli/story_text.hpp"
#include "engine/engine.hpp"
#include "engine/runtime/checkpoint_batching.hpp"
#include "store/store.hpp"
#include "workflow/loader.hpp"

namespace dp::cli {
namespace {

const char* kUsage =
    "usage: durable-sim <command> [options]\n"
    "  --version            the SDK releases each flavour models\n"
    "  run DOC.json [--input JSON|@file] [--seed N] [--db PATH] [--until suspend|end] [--let-timeouts-fire]\n"
    "      [--python-sdk 1|2]   Python SDK 1.x replays positionally and blocks 100 ms per awaited\n"
    "                           checkpoint; 2 (default) validates operation identity\n"
    "      [--explain]          print the story of the run as text instead of the JSON report\n"
    "      [--prices FILE]      price table for the report's \"cost\" (default: the built-in us-east-2 one)\n"
    "  check DOC.json\n"
    "  callback --db PATH [--execution ARN] (--name NAME|--id ID) (succeed JSON|fail JSON|heartbeat)\n"
    "  advance --db PATH (--seconds N|--next-timer)\n"
    "  history --db PATH [--execution ARN]\n"
    "  explain --db PATH [--execution ARN] [--wording python|javascript] [--json]\n"
    "  stop --db PATH [--execution ARN]\n"
    "  export DOC.json --out DIR [--lang python|nodejs|both]\n"
    "  cost DOC.json [DOC2.json | --compare-nesting] [--input JSON|@file] [--seed N] [--prices FILE]\n"
    "                           estimated AWS cost of a run, or of two runs side by side (NESTED vs FLAT)\n"
    "  lessons list|verify [ID...] [--root DIR]   the lessons of lessons/index.json; verify plays each\n"
    "  scripts list|verify [ID...] [--root DIR]   the demo scripts of lessons/scripts/index.json\n"
    "  import FILE... --db PATH   an execution from `aws lambda get-durable-execution-history` JSON (pages,\n"
    "      and optionally `get-durable-execution` output), stored as imported\n"
    "  import --sam FILE [--execution ARN --db PATH]   SAM local's store: list its executions, import one\n"
    "  export-history --db PATH [--execution ARN] [--events-only]   the history as AWS prints it\n"
    "  replay DOC.json --history FILE... [--flavour js|python]   would DOC replay the recorded history? "
    "(exit\n"
    "      0: it replays cleanly; 1: the first operation that differs, with the SDK's message)\n";

int bad(const std::string& message) {
  std::fprintf(stderr, "durable-sim: %s\n", message.c_str());
  return 2;
}

// The largest document or input file read is the loader's document limit: `run /dev/zero` or a mistaken
// multi-gigabyte path is refused instead of read forever (issue 14).
constexpr uintmax_t kMaxInputFileBytes = workflow::kMaxDocumentBytes;

Result<std::string> read_file(const std::string& path) {
  return read_input_file(path, kMaxInputFileBytes,
                         "is larger than 16 MB (the playground's limit for documents and inputs)");
}

Result<workflow::Document> load_doc(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok())
    return text.error();
  auto doc = workflow::load_document(*text);
  if (!doc.ok())
    return Error{path + ": " + doc.error().where, doc.error().message};
  return doc;
}

void print_json(const Json& j) {
  std::printf("%s\n", json_text(j, 2).c_str());
}

bool has_flag(const Args& args, const char* flag) {
  return std::find(args.flags.begin(), args.flags.end(), flag) != args.flags.end();
}

// The story of an execution as text (issue 9): its sentences, then its side-effect ledger.
void print_story(const engine::Engine& engine, const std::string& arn, explain::Wording wording) {
  const engine::Execution* e = engine.execution(arn);
  if (!e)
    return;
  std::fputs(
      story_text(explain::narrate(engine, arn, wording), explain::side_effects(engine, arn), e->start_ms)
          .c_str(),
      stdout);
}

bool reached_end(const engine::Engine& engine, const std::string& arn) {
  const engine::Execution* e = engine.execution(arn);
  return e && e->terminal();
}

void explain_waiting(const engine::Engine& engine, const std::string& arn) {
  auto pending = engine.pending_callbacks(arn);
  for (const auto& p : pending)
    std::fprintf(stderr,
                 "durable-sim: the execution waits for callback '%s' (id %s); answer it with "
                 "`durable-sim callback --db PATH --name '%s' succeed JSON`\n",
                 p.name.c_str(), p.callback_id.c_str(), p.name.c_str());
}

// Hidden switches of the hardening tests (tests/hardening), read from the environment so that no user
// meets them in the usage text:
// - DURABLE_SIM_CRASH_AFTER_COMMITS=N: the process dies (_exit(9), like kill -9) right after its Nth
//   committed store transaction: the crash sweep kills at every N, like SQLite's faultsim tests;
// - DURABLE_SIM_NO_WRITER_LOCK=1: no writer lock, so that the two-writer test reaches the version check.
void arm_crash_point(store::Store& db) {
  const char* env = std::getenv("DURABLE_SIM_CRASH_AFTER_COMMITS");
  std::optional<int64_t> n = env ? parse_int64(env) : std::nullopt;
  if (n && *n > 0)
    db.set_commit_hook([at = *n](int64_t commits) {
      if (commits == at)
        _exit(9);
    });
}
bool writer_lock() {
  return std::getenv("DURABLE_SIM_NO_WRITER_LOCK") == nullptr;
}

// The write commands first end what a stopped process left running (Engine::recover_interrupted_
// invocations), as Lambda ends an invocation that never reports back; the user learns why a retry follows.
void recover_interrupted(engine::Engine& engine) {
  for (const std::string& what : engine.recover_interrupted_invocations())
    std::fprintf(stderr,
                 "durable-sim: %s never reported back (the process running it stopped); recorded as a "
                 "failed invocation (Runtime.ExitError): the service invokes again after its backoff "
                 "(%lld s) and replay continues from the last checkpoint\n",
                 what.c_str(),
                 static_cast<long long>(engine.options().service.failed_invocation_backoff_ms / 1000));
}

// [SECTION] run

int cmd_run(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--input", "--seed", "--db", "--until", "--python-sdk", "--prices"},
                         {"--let-timeouts-fire", "--explain"});
  if (!args.ok())
    return bad(args.error().text());
  if (args->positional.size() != 1)
    return bad("run needs exactly one workflow document (run DOC.json)");
  auto doc = load_doc(args->positional[0]);
  if (!doc.ok())
    return bad(doc.error().text());
  std::optional<Json> input;
  if (auto it = args->options.find("--input"); it != args->options.end()) {
    std::string text = it->second;
    if (!text.empty() && text[0] == '@') {
      auto file = read_file(text.substr(1));
      if (!file.ok())
        return bad("--input " + file.error().text());
      text = *file;
    }
    auto parsed = parse_json(text);
    if (!parsed.ok())
      return bad("--input: " + parsed.error().text());
    input = *parsed;
  }
  if (auto it = args->options.find("--seed"); it != args->options.end()) {
    std::optional<uint64_t> seed = parse_uint64(it->second);
    if (!seed)
      return bad("--seed: expected a non-negative integer below 2^64, got '" + it->second + "'");
    doc->simulation.seed = *seed;
  }
  std::string until = args->options.count("--until") ? args->options["--until"] : "end";
  if (until != "end" && until != "suspend")
    return bad("--until: expected suspend or end, got '" + until + "'");

  engine::EngineOptions options;
  if (auto it = args->options.find("--python-sdk"); it != args->options.end()) {
    if (it->second != "1" && it->second != "2")
      return bad("--python-sdk: expected 1 or 2, got '" + it->second + "'");
    options.legacy_python_replay = it->second == "1";
  }
  engine::Engine engine(options);
  std::unique_ptr<store::Store> db;
  // A run refused with exit 2 leaves no new database file behind (issue 14).
  std::string created_db;
  auto refuse = [&](const std::string& message) {
    if (!created_db.empty()) {
      db.reset();
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(created_db + suffix);
    }
    return bad(message);
  };
  if (auto it = args->options.find("--db"); it != args->options.end()) {
    if (it->second.empty())
      return bad("--db: needs a file path (an empty path would be a temporary database)");
    std::error_code ec;
    if (!std::filesystem::exists(it->second, ec))
      created_db = it->second;
    auto opened = store::Store::open(it->second, false, writer_lock());
    if (!opened.ok())
      return refuse(opened.error().text());
    db = std::move(*opened);
    arm_crash_point(*db);
    if (auto st = db->attach(engine); !st.ok())
      return refuse(st.error().text());
    recover_interrupted(engine);
  }
  auto arn = engine.start_execution(*doc, input);
  if (!arn.ok())
    return refuse(arn.error().text());
  if (until == "suspend")
    engine.run_until_suspended(*arn);
  else
    engine.run_to_end(*arn, has_flag(*args, "--let-timeouts-fire")
                                ? engine::Engine::Clock::LetTimeoutsFire // nobody answers
                                : engine::Engine::Clock::UntilInput);
  if (db) {
    if (auto st = db->save_clock(engine.now()); !st.ok())
      return bad(st.error().text());
  }
  if (has_flag(*args, "--explain"))
    print_story(engine, *arn, std::nullopt);
  else
    print_json(run_report(engine, *arn,
                          load_prices(args->options.count("--prices") ? args->options["--prices"] : "")));
  if (until == "end" && !reached_end(engine, *arn)) {
    explain_waiting(engine, *arn);
    return 1;
  }
  return 0;
}

// [SECTION] check

int cmd_check(const std::vector<std::string>& argv) {
  if (argv.size() != 1)
    return bad("check needs exactly one workflow document (check DOC.json)");
  auto doc = load_doc(argv[0]);
  if (!doc.ok())
    return bad(doc.error().text());
  std::printf("%s: valid workflow document (%zu statements, runtime %s)\n", argv[0].c_str(),
              doc->handler.size(), doc->function.runtime.c_str());
  return 0;
}

// [SECTION] database commands: open the store, restore the engine, act, continue the execution

struct Session {
  engine::Engine engine;
  std::unique_ptr<store::Store> db;
  std::string arn;
};

// A writing session holds the database's writer lock from before it reads until it exits, and first
// recovers the invocations a stopped process left running.
Result<std::unique_ptr<Session>> open_session(const Args& args, bool must_be_running, bool writes) {
  auto path = args.options.find("--db");
  if (path == args.options.end())
    return Error{"--db", "this command needs --db PATH (the database a previous run wrote)"};
  auto s = std::make_unique<Session>();
  auto opened = store::Store::open(path->second, /*must_exist=*/true, writes && writer_lock());
  if (!opened.ok())
    return opened.error();
  s->db = std::move(*opened);
  if (writes)
    arm_crash_point(*s->db);
  if (auto st = s->db->attach(s->engine); !st.ok())
    return st.error();
  if (writes)
    recover_interrupted(s->engine);
  const auto& order = s->engine.service().execution_order();
  if (auto it = args.options.find("--execution"); it != args.options.end()) {
    if (!s->engine.execution(it->second))
      return Error{"--execution", "no execution " + it->second + " in " + path->second};
    s->arn = it->second;
  } else {
    for (auto a = order.rbegin(); a != order.rend() && s->arn.empty(); ++a)
      if (!must_be_running || !s->engine.execution(*a)->terminal())
        if (s->engine.execution(*a)->parent_arn.empty())
          s->arn = *a;
    if (s->arn.empty() && must_be_running && !order.empty()) {
      const engine::Execution* last = s->engine.execution(order.back());
      return Error{"--db " + path->second,
                   "no running execution in the database (the newest, " + last->name + ", ended " +
                       std::string(engine::to_string(last->status)) +
                       (last->end_ms ? " at " + engine::iso8601(*last->end_ms) : std::string()) + ")"};
    }
    if (s->arn.empty())
      return Error{"--db " + path->second, must_be_running ? "no running execution in the database"
                                                           : "the database holds no execution"};
  }
  return s;
}

int finish_session(Session& s) {
  s.engine.run_to_end(s.arn);
  if (auto st = s.db->save_clock(s.engine.now()); !st.ok())
    return bad(st.error().text());
  print_json(run_report(s.engine, s.arn));
  return 0;
}

int cmd_callback(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--db", "--execution", "--name", "--id"}, {});
  if (!args.ok())
    return bad(args.error().text());
  bool by_name = args->options.count("--name"), by_id = args->options.count("--id");
  if (by_name == by_id)
    return bad("callback needs exactly one of --name NAME or --id ID");
  if (args->positional.empty())
    return bad("callback needs an answer: succeed JSON, fail JSON or heartbeat");
  const std::string& verb = args->positional[0];
  if (verb != "succeed" && verb != "fail" && verb != "heartbeat")
    return bad("callback answer '" + verb + "': expected succeed, fail or heartbeat");
  if ((verb == "heartbeat") != (args->positional.size() == 1) || args->positional.size() > 2)
    return bad(verb == "heartbeat" ? "heartbeat takes no payload" : verb + " needs one JSON payload");
  std::optional<Json> payload;
  if (args->positional.size() == 2) {
    auto parsed = parse_json(args->positional[1]);
    if (!parsed.ok())
      return bad(verb + " payload: " + parsed.error().text());
    payload = *parsed;
  }
  engine::ErrorObject error;
  if (verb == "fail") {
    if (!payload->is_object())
      return bad("fail payload: expected {\"ErrorType\": ..., \"ErrorMessage\": ...}");
    auto e = engine::error_from_json(*payload, "fail payload");
    if (!e.ok())
      return bad(e.error().text());
    // The API accepts an empty error object, but a failure nobody can tell from another teaches nothing:
    // the playground asks for the type the handler's catch sees (issue 14).
    if (!e->error_type || e->error_type->empty())
      return bad("fail payload: expected an object with a non-empty \"ErrorType\" (and usually an "
                 "\"ErrorMessage\"), such as '{\"ErrorType\": \"Rejected\", \"ErrorMessage\": \"not "
                 "approved\"}'; got '" +
                 to_js_json(*payload).substr(0, 80) + "'");
    error = *e;
  }
  // --id names the callback and so its execution: the session continues that one, not the newest.
  auto session = open_session(*args, !by_id, true);
  if (!session.ok())
    return bad(session.error().text());
  Session& s = **session;
  std::string callback_id;
  if (by_id) {
    callback_id = args->options["--id"];
    std::string owner = s.engine.service().callback_execution(callback_id);
    if (!owner.empty() && !args->options.count("--execution"))
      s.arn = owner;
  } else {
    auto id = s.engine.service().callback_id_by_name(s.arn, args->options["--name"]);
    if (!id.ok())
      return bad(id.error().text());
    callback_id = *id;
  }
  Status st =
      verb == "succeed"
          ? s.engine.send_callback_success(callback_id, payload->is_string() ? payload->get<std::string>()
                                                                             : to_js_json(*payload))
      : verb == "fail" ? s.engine.send_callback_failure(callback_id, error)
                       : s.engine.send_callback_heartbeat(callback_id);
  if (!st.ok())
    return bad(st.error().text());
  return finish_session(s);
}

int cmd_advance(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--db", "--execution", "--seconds"}, {"--next-timer"});
  if (!args.ok())
    return bad(args.error().text());
  bool seconds = args->options.count("--seconds"), next = !args->flags.empty();
  if (seconds == next)
    return bad("advance needs exactly one of --seconds N or --next-timer");
  int64_t n = 0;
  if (seconds) {
    // At most 366 days, the longest execution timeout: every execution has ended by then, and the
    // product with 1000 cannot overflow (issue 14).
    std::optional<int64_t> parsed = parse_int64(args->options["--seconds"]);
    if (!parsed || *parsed <= 0 || *parsed > 31'622'400)
      return bad("--seconds: expected a whole number of seconds from 1 to 31622400 (366 days), got '" +
                 args->options["--seconds"] + "'");
    n = *parsed;
  }
  auto session = open_session(*args, true, true);
  if (!session.ok())
    return bad(session.error().text());
  Session& s = **session;
  // What is due now happens before the clock moves: an invocation the service owes (the one after a
  // process was killed between starting an execution and invoking it) runs at the time it was due.
  s.engine.run_to_end(s.arn, engine::Engine::Clock::Hold);
  if (s.engine.execution(s.arn)->terminal())
    return finish_session(s);
  if (seconds)
    s.engine.advance_clock(n * 1000);
  else if (!s.engine.advance_to_next_timer())
    return bad("advance --next-timer: no timer is pending");
  return finish_session(s);
}

int cmd_history(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--db", "--execution"}, {});
  if (!args.ok())
    return bad(args.error().text());
  auto session = open_session(*args, false, false);
  if (!session.ok())
    return bad(session.error().text());
  Json events = Json::array();
  for (const auto& ev : (*session)->engine.execution((*session)->arn)->events)
    events.push_back(engine::to_json(ev));
  print_json(Json{{"DurableExecutionArn", (*session)->arn}, {"Events", events}});
  return 0;
}

// The story of a stored execution, told by a second process from what the store holds.
int cmd_explain(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--db", "--execution", "--wording"}, {"--json"});
  if (!args.ok())
    return bad(args.error().text());
  explain::Wording wording;
  if (auto it = args->options.find("--wording"); it != args->options.end()) {
    if (it->second != "python" && it->second != "javascript")
      return bad("--wording: expected python or javascript, got '" + it->second + "'");
    wording = it->second == "python" ? workflow::Flavor::Python : workflow::Flavor::JavaScript;
  }
  auto session = open_session(*args, false, false);
  if (!session.ok())
    return bad(session.error().text());
  const engine::Engine& engine = (*session)->engine;
  const std::string& arn = (*session)->arn;
  if (std::string missing = explain::missing_story(engine.trace(), *engine.execution(arn)); !missing.empty())
    return bad(missing);
  if (!has_flag(*args, "--json")) {
    print_story(engine, arn, wording);
    return 0;
  }
  Json narration = Json::array();
  for (const auto& s : explain::narrate(engine, arn, wording))
    narration.push_back(explain::to_json(s));
  Json effects = Json::array();
  for (const auto& r : explain::side_effects(engine, arn).runs)
    effects.push_back(explain::to_json(r));
  print_json(Json{{"executionArn", arn}, {"narration", narration}, {"side_effects", effects}});
  return 0;
}

int cmd_stop(const std::vector<std::string>& argv) {
  auto args = parse_args(argv, {"--db", "--execution"}, {});
  if (!args.ok())
    return bad(args.error().text());
  auto session = open_session(*args, true, true);
  if (!session.ok())
    return bad(session.error().text());
  Session& s = **session;
  if (auto st = s.engine.stop_execution(s.arn); !st.ok())
    return bad(st.error().text());
  if (auto st = s.db->save_clock(s.engine.now()); !st.ok())
    return bad(st.error().text());
  print_json(run_report(s.engine, s.arn));
  return 0;
}

} // namespace

int dispatch(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    using engine::runtime::sdk_modelled;
    std::printf("durable-sim: the simulated SDKs behave as\n  JavaScript: %s\n  Python:     %s (--python-sdk "
                "1: %s)\n",
                sdk_modelled(workflow::Flavor::JavaScript, false),
                sdk_modelled(workflow::Flavor::Python, false), sdk_modelled(workflow::Flavor::Python, true));
    return 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& cmd = args[0];
  if (cmd == "run")
    return cmd_run(rest);
  if (cmd == "check")
    return cmd_check(rest);
  if (cmd == "callback")
    return cmd_callback(rest);
  if (cmd == "advance")
    return cmd_advance(rest);
  if (cmd == "history")
    return cmd_history(rest);
  if (cmd == "stop")
    return cmd_stop(rest);
  if (cmd == "explain")
    return cmd_explain(rest);
  if (cmd == "export")
    return cmd_export(rest);
  if (cmd == "lessons")
    return cmd_lessons(rest);
  if (cmd == "scripts")
    return cmd_scripts(rest);
  if (cmd == "cost")
    return cmd_cost(rest);
  if (cmd == "import")
    return cmd_import(rest);
  if (cmd == "export-history")
    return cmd_export_history(rest);
  if (cmd == "replay")
    return cmd_replay(rest);

  return bad("unknown command '" + cmd + "'\n" + kUsage);
}

Result<std::string> read_input_file(const std::string& path, uintmax_t max_bytes, const char* too_large) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return Error{path, "cannot read the file (no such file)"};
  if (std::filesystem::is_directory(status))
    return Error{path, "is a folder, not a file"};
  if (!std::filesystem::is_regular_file(status))
    return Error{path, "is not a regular file"};
  if (std::filesystem::file_size(path, ec) > max_bytes || ec)
    return Error{path, too_large};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{path, "cannot read the file (permission denied?)"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::string> read_input_file(const std::string& path) {
  return read_file(path);
}

Result<Args> parse_args(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                        const std::vector<std::string>& flags) {
  Args out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      out.positional.push_back(a);
      continue;
    }
    if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
      out.flags.push_back(a);
      continue;
    }
    if (std::find(with_value.begin(), with_value.end(), a) == with_value.end())
      return Error{a, "unknown option"};
    if (i + 1 >= args.size())
      return Error{a, "needs a value"};
    out.options[a] = args[++i];
  }
  return out;
}

Result<workflow::Document> load_document_file(const std::string& path) {
  return load_doc(path);
}

Result<cost::PriceTable> load_prices(const std::string& path) {
  if (path.empty())
    return cost::parse_price_table(cost::builtin_price_table_text(), cost::kBuiltinPriceTableName);
  auto text = read_file(path);
  if (!text.ok())
    return text.error();
  return cost::parse_price_table(*text, path);
}

} // namespace dp::cli
