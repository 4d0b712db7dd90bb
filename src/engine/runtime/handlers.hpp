// One handler per durable operation (handlers/*.cpp), each on the SDK's template: next id -> look up the
// stored operation -> validate identity -> return the stored outcome, or START and run -> suspend while
// the service has the operation. The statement interpreter (statements.cpp) calls them.
#pragma once

#include "engine/runtime/invocation.hpp"

namespace dp::engine::runtime {

using workflow::Scope;
using workflow::Statement;

Task<Outcome> run_step(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope);
Task<Outcome> run_wait(Invocation& inv, const Statement& s, ContextFrame& frame);
Task<Outcome> run_create_callback(Invocation& inv, const Statement& s, ContextFrame& frame);
Task<Outcome> run_await_callback(Invocation& inv, const Statement& s, Scope& scope);
Task<Outcome> run_wait_for_callback(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope);
Task<Outcome> run_wait_for_condition(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope);
Task<Outcome> run_child_context(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope);
Task<Outcome> run_concurrent(Invocation& inv, const Statement& s, ContextFrame& frame,
                             Scope& scope); // parallel, map
Task<Outcome> run_invoke(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope);

// Shared by step and the wait_for_callback submitter: attempts, retries, semantics, faults.
Task<Outcome> run_step_attempts(Invocation& inv, const OperationIdentity& id, ContextFrame& frame,
                                const std::optional<std::string>& name, const Statement& s,
                                const workflow::StepBody& body, Scope& scope, bool store_result = true);

// Results larger than 256 KiB are not stored on a context: it is checkpointed with ReplayChildren and its
// result re-derived by replaying its children (durable-semantics.md 5.6, 5.7).
inline constexpr size_t kCheckpointSizeLimit = 262'144;

// Evaluates an `if` condition (a boolean, a reference to one, equals, less_than, greater_than, not); also
// a wait_for_condition's done_when condition (statements.cpp).
Result<bool> evaluate_condition(const Json& cond, const Scope& scope, workflow::FunctionSource* functions,
                                const std::string& path);

// Helpers
const workflow::ThrowSpec* throw_for(const std::vector<workflow::ThrowSpec>& throws, int attempt);
DurableError error_from_object(const std::optional<ErrorObject>& e, const char* fallback_type,
                               const char* fallback_message);
DurableError render_error(const std::string& type,
                          const std::string& message); // runtime errors
ErrorObject error_object_of(const workflow::ErrorSpec& spec, const std::string& rendered_message);

// Awaits an operation the service owns until it leaves `statuses`; halts the fiber if the invocation ended.
#define DP_HALT_IF_FINISHED(inv)                                                                             \
  if ((inv).finished())                                                                                      \
    co_await Invocation::Halt{inv};

} // namespace dp::engine::runtime
