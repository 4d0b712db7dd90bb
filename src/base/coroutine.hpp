// C++20 coroutines in both builds: g++ 12 ships <coroutine>; Emscripten 3.1.6's libc++ 13 only
// <experimental/coroutine>, which its clang accepts for the same language feature.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace dp::co {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
} // namespace dp::co
#else
#include <experimental/coroutine>
namespace dp::co {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
} // namespace dp::co
#endif
