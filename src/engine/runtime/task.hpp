// Task<T>: the coroutine type the simulated SDK runs handler code in. A Task starts when awaited and
// resumes its awaiter when it finishes (symmetric transfer). The fiber scheduler (fiber.hpp) owns the
// root tasks; destroying a root destroys every frame it is suspended in, which is how an invocation that
// suspends or crashes is abandoned. No exceptions: errors travel as values (Flow).
#pragma once

#include <cstdlib>
#include <optional>
#include <utility>

#include "base/coroutine.hpp"

namespace dp::engine::runtime {

// Resumes a coroutine from outside any coroutine body. Out of line on purpose: LLVM 14's coroutine
// splitting turns a resume() right before a suspend point into a musttail call, which WebAssembly
// without the tail-call feature rejects.
void resume_out_of_line(co::coroutine_handle<> h);

template <typename T>
class [[nodiscard]] Task {
public:
  struct promise_type {
    std::optional<T> value;
    co::coroutine_handle<> continuation;
    bool awaiter_suspended = false; // the awaiting coroutine suspended: resume it when this task ends

    Task get_return_object() { return Task(co::coroutine_handle<promise_type>::from_promise(*this)); }
    co::suspend_always initial_suspend() noexcept { return {}; }
    // No symmetric transfer: it needs WebAssembly tail calls, which Emscripten 3.1.6 does not enable.
    // A task that finished synchronously returns to its awaiter's await_suspend; one that suspended
    // resumes its awaiter from here (nesting depth is bounded by the handler's statement depth).
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      void await_suspend(co::coroutine_handle<promise_type> h) noexcept {
        promise_type& p = h.promise();
        if (p.awaiter_suspended && p.continuation)
          resume_out_of_line(p.continuation);
      }
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::abort(); } // built with -fno-exceptions; unreachable
  };

  Task(Task&& other) noexcept : m_handle(std::exchange(other.m_handle, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (m_handle)
        m_handle.destroy();
      m_handle = std::exchange(other.m_handle, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  ~Task() {
    if (m_handle)
      m_handle.destroy();
  }

  // Awaiting runs the task until it finishes or suspends on a scheduler awaitable.
  bool await_ready() const noexcept { return false; }
  bool await_suspend(co::coroutine_handle<> awaiter) noexcept {
    m_handle.promise().continuation = awaiter;
    resume_out_of_line(m_handle);
    if (m_handle.done())
      return false; // finished synchronously: the awaiter continues at once
    m_handle.promise().awaiter_suspended = true;
    return true;
  }
  T await_resume() { return std::move(*m_handle.promise().value); }

  // For the scheduler: start a root task and see whether it finished.
  co::coroutine_handle<promise_type> handle() const { return m_handle; }
  bool done() const { return m_handle && m_handle.done(); }
  T& result() { return *m_handle.promise().value; }

private:
  explicit Task(co::coroutine_handle<promise_type> h) : m_handle(h) {}
  co::coroutine_handle<promise_type> m_handle;
};

} // namespace dp::engine::runtime
