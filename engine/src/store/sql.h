// A thin RAII layer over SQLite's C API for the store: prepared statements that bind by
// position and read columns, with errors as strings.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace impasse::sql {

class Stmt {
  public:
    Stmt(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            error_ = sqlite3_errmsg(db);
    }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, int64_t v) {
        if (stmt_) sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, double v) {
        if (stmt_) sqlite3_bind_double(stmt_, i, v);
        return *this;
    }
    Stmt& bind(int i, const std::string& v) {
        if (stmt_)
            sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind_null(int i) {
        if (stmt_) sqlite3_bind_null(stmt_, i);
        return *this;
    }

    // Steps once: true when a row is ready. Errors land in error().
    bool step() {
        if (!stmt_) return false;
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
        return false;
    }
    // Runs to completion; returns "" or the error.
    std::string run() {
        while (step()) {
        }
        return error_;
    }

    int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
    int i32(int col) const { return sqlite3_column_int(stmt_, col); }
    double dbl(int col) const { return sqlite3_column_double(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    int type(int col) const { return sqlite3_column_type(stmt_, col); }  // SQLITE_TEXT ...
    std::string text(int col) const {
        const unsigned char* t = sqlite3_column_text(stmt_, col);
        return t ? std::string(reinterpret_cast<const char*>(t),
                               static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
                 : std::string();
    }
    const std::string& error() const { return error_; }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string error_;
};

// Runs SQL with no results; returns "" or the error.
inline std::string exec(sqlite3* db, const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string e = msg ? msg : "unknown SQLite error";
        sqlite3_free(msg);
        return e;
    }
    return "";
}

}  // namespace impasse::sql
