// A prepared SQLite statement that finalizes itself (or, for one the store keeps prepared, resets itself),
// with typed binds and reads. Shared by the store and its schema-7 migration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlite3.h>

#include "base/result.hpp"

namespace dp::store {

// A value schema 7 stores as an integer when it has one (an operation's position in its execution, a
// checkpoint token's number) and as text otherwise (store/compact.hpp); neither is NULL.
struct Packed {
  std::optional<int64_t> integer;
  std::optional<std::string> text;
};

// A prepared statement that finalizes itself.
class Stmt {
public:
  Stmt(sqlite3* db, const char* sql) : m_db(db) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
  // A statement the store keeps prepared (Store::prepared): used, reset, never finalized here.
  Stmt(sqlite3* db, sqlite3_stmt* kept)
      : m_db(db), m_stmt(kept), m_rc(kept ? SQLITE_OK : SQLITE_ERROR), m_owned(false) {}
  ~Stmt() {
    if (m_owned)
      sqlite3_finalize(m_stmt);
    else
      sqlite3_reset(m_stmt);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return m_rc == SQLITE_OK; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const std::optional<std::string>& v) {
    if (v)
      return bind(i, *v);
    sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  Stmt& bind(int i, const Packed& v) {
    if (v.integer)
      return bind(i, *v.integer);
    return bind(i, v.text);
  }
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::optional<int64_t>& v) {
    if (v)
      return bind(i, *v);
    sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  int step() { return sqlite3_step(m_stmt); }
  Status run() {
    int rc = step();
    sqlite3_reset(m_stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      return Error{"sqlite", sqlite3_errmsg(m_db)};
    return ok_status();
  }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  bool null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
  int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
  sqlite3_stmt* raw() const { return m_stmt; }
  // The value's SQLite type (SQLITE_INTEGER, SQLITE_TEXT ...): schema 7's columns that hold either a
  // position or a text (store/compact.hpp) are told apart by it.
  int type(int col) const { return sqlite3_column_type(m_stmt, col); }

private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
  int m_rc;
  bool m_owned = true;
};

} // namespace dp::store
