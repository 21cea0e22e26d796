// Opening the store: the folder and file permissions, the guard against foreign files, the
// connection settings, and the schema migrations.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "impasse/paths.h"
#include "impasse/store.h"
#include "store/migrations.h"
#include "store/sql.h"

namespace impasse {
namespace {

// "" when `path` is absent, empty, or starts like an SQLite 3 database; else why not.
std::string foreign_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return "";
    if (!std::filesystem::is_regular_file(path, ec)) return "it is not a regular file";
    if (std::filesystem::file_size(path, ec) == 0) return "";
    std::ifstream in(path, std::ios::binary);
    if (!in) return "it cannot be read (" + std::string(std::strerror(errno)) + ")";
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
        return "it is not an SQLite database";
    return "";
}

// "" when Impasse may write in `dir` and to `path` (when it exists); else why not: a read-only
// file system (EROFS), no permission (EACCES) or an immutable file (EPERM). Without this, SQLite
// fails later in ways that read like a damaged file.
std::string read_only_reason(const std::string& dir, const std::string& path) {
    for (const std::string& p : {dir, path}) {
        if (::access(p.c_str(), W_OK) == 0 || errno == ENOENT) continue;
        if (errno != EROFS && errno != EACCES && errno != EPERM) continue;
        return p + " is read-only (" + std::strerror(errno) + ")";
    }
    return "";
}

std::string read_only_message(const std::string& why) {
    return "cannot record: " + why +
           ". Impasse has not changed anything. Your record needs a folder Impasse can write "
           "in: make it writable, or choose another data folder with --data-dir.";
}

int stored_version(sqlite3* db) {
    sql::Stmt v(db, "PRAGMA user_version");
    return v.step() ? v.i32(0) : 0;
}

// An SQLite database that holds tables but none of ours belongs to something else.
// The version and the tables are read in one statement, so in one snapshot: read apart, a
// second copy could see version 0, then the tables a first copy had just created and upgraded.
bool is_someone_elses(sqlite3* db) {
    sql::Stmt t(db,
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM "
                "sqlite_master WHERE type = 'table')");
    return t.step() && t.i64(0) == 0 && t.i64(1) > 0;
}

// "" when SQLite's quick integrity check passes, else what it found.
std::string quick_check(sqlite3* db) {
    sql::Stmt check(db, "PRAGMA quick_check");
    if (!check.step()) return check.error().empty() ? "unreadable" : check.error();
    std::string result = check.text(0);
    return result == "ok" ? "" : result;
}

}  // namespace

std::string now_iso8601() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    std::tm tm{};
    gmtime_r(&ts.tv_sec, &tm);
    char buf[40];
    size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03ldZ", ts.tv_nsec / 1000000);
    return buf;
}

std::unique_ptr<Store> Store::open(const std::string& data_dir, std::string* error,
                                   std::string* warning) {
    auto fail = [&](const std::string& msg) {
        if (error) *error = msg;
        return std::unique_ptr<Store>();
    };
    if (std::string e = paths::ensure_private_dir(data_dir); !e.empty()) return fail(e);
    // An existing folder is never chmod-ed (it may be /tmp or shared); the user is told instead.
    if (warning) *warning = paths::exposed_dir_warning(data_dir);
    std::string path = data_dir + "/impasse.db";
    if (std::string why = read_only_reason(data_dir, path); !why.empty())
        return fail(read_only_message(why));
    if (std::string why = foreign_file(path); !why.empty())
        return fail(path + " cannot be used: " + why +
                    ". Impasse has not changed it. Move it aside, or choose "
                    "another data folder with --data-dir.");

    mode_t old = ::umask(077);
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    ::umask(old);
    if (rc != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail("cannot open " + path + ": " + msg);
    }
    if (sqlite3_db_readonly(db, "main") == 1) {
        sqlite3_close(db);
        return fail(read_only_message(path + " could only be opened read-only"));
    }
    ::chmod(path.c_str(), 0600);
    std::unique_ptr<Store> store(new Store(db, path));
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);

    if (std::string damage = quick_check(db); !damage.empty())
        return fail(path + " is damaged (" + damage +
                    "). Impasse has not changed it. Move it aside to start a fresh record.");
    if (is_someone_elses(db))
        return fail(path +
                    " is an SQLite database of another program. Impasse has not changed it.");
    if (int v = stored_version(db); v > store_schema::latest_version())
        return fail(path + ": this database was written by a newer Impasse (schema " +
                    std::to_string(v) +
                    "); update Impasse to open it. Impasse has not changed it.");
    mode_t wal_old = ::umask(077);
    // Switching a new file to WAL needs it to itself, and SQLite answers "locked" at once
    // rather than waiting when another copy opening the same fresh folder holds it for a few
    // milliseconds: wait for it here (at most about 5 s).
    std::string e;
    for (int attempt = 0; attempt < 250; ++attempt) {
        e = sql::exec(db, "PRAGMA journal_mode = WAL");
        if (e.empty() || (sqlite3_errcode(db) & 0xff) != SQLITE_BUSY) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::umask(wal_old);
    if (e.empty()) e = sql::exec(db, "PRAGMA foreign_keys = ON");
    if (e.empty()) e = sql::exec(db, "PRAGMA synchronous = NORMAL");
    if (!e.empty()) return fail("cannot prepare " + path + ": " + e);
    if (std::string m = store_schema::migrate(db); !m.empty()) return fail(path + ": " + m);
    for (const char* suffix : {"-wal", "-shm"})
        ::chmod((path + suffix).c_str(), 0600);
    return store;
}

Store::~Store() {
    for (auto& [id, fd] : leases_)
        ::close(fd);  // releases the lock
    sqlite3_close(db_);
}

int Store::schema_version() const {
    sql::Stmt v(db_, "PRAGMA user_version");
    return v.step() ? v.i32(0) : -1;
}

}  // namespace impasse
