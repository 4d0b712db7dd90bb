# Our own code builds with warnings as errors and without exceptions (em++ 3.1.6 ignores catch blocks,
# so a throw would abort the page; see STYLE.md section 8). Third-party targets do not use this.
function(dp_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers -Werror -fno-exceptions)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12 reports -Wrestrict on plain std::string concatenation at -O3 (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(EMSCRIPTEN)
    # libc++ 13 only has <experimental/coroutine>; src/base/coroutine.hpp picks it.
    target_compile_options(${target} PRIVATE -Wno-deprecated-experimental-coroutine)
  endif()
endfunction()

# A library of ours: sources given relative to the calling directory.
function(dp_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  dp_strict(${name})
endfunction()
