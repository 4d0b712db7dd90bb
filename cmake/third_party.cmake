# Third-party libraries compiled from the pinned sources in build/_deps (see tools/deps).

# SQLite: one amalgamation (3.53.2) for both builds, so native and wasm behave the same.
add_library(sqlite3 STATIC ${DP_DEPS}/sqlite/sqlite3.c)
target_include_directories(sqlite3 SYSTEM PUBLIC ${DP_DEPS}/sqlite)
target_compile_definitions(sqlite3 PRIVATE
  SQLITE_THREADSAFE=0 SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE SQLITE_LIKE_DOESNT_MATCH_BLOBS SQLITE_ENABLE_MATH_FUNCTIONS)
target_compile_options(sqlite3 PRIVATE -w)
if(EMSCRIPTEN)
  # The page's wasm budget is 3 MB; SQLite at -Os keeps the store above half native speed (tools/bench).
  target_compile_options(sqlite3 PRIVATE -Os)
endif()

# nlohmann/json: header only; only its own directory is on the include path. No exceptions: a slip aborts.
add_library(nlohmann_json INTERFACE)
target_include_directories(nlohmann_json SYSTEM INTERFACE ${DP_DEPS}/nlohmann/include)
target_compile_definitions(nlohmann_json INTERFACE JSON_NOEXCEPTION)
