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

template <typename T>
class [[nodiscard]] Task {
public:
  struct promise_type {
    std::optional<T> value;
    co::coroutine_handle<> continuation;

    Task get_return_object() { return Task(co::coroutine_handle<promise_type>::from_promise(*this)); }
    co::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      co::coroutine_handle<> await_suspend(co::coroutine_handle<promise_type> h) noexcept {
        auto next = h.promise().continuation;
        return next ? next : co::noop_coroutine();
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
  co::coroutine_handle<> await_suspend(co::coroutine_handle<> awaiter) noexcept {
    m_handle.promise().continuation = awaiter;
    return m_handle;
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
