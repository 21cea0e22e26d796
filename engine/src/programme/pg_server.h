// The programme Server over libpqxx: one connection, every call one transaction with
// parameterised SQL ($1, $2 ...; user data is never spliced into SQL text), every libpqxx
// exception caught here and returned as a message.
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>
#include <utility>

#include "impasse/programme.h"

namespace impasse::programme {

class PgServer final : public Server {
  public:
    explicit PgServer(std::unique_ptr<pqxx::connection> conn, std::string conninfo)
        : conn_(std::move(conn)), conninfo_(std::move(conninfo)) {}
    bool connected() const override { return conn_ && conn_->is_open() && !lost_; }

    std::string init(const std::string& schema_sql, bool* already) override;
    std::string add_cohort(const std::string& id, const std::string& title) override;
    std::string add_person(const std::string& role, const std::string& kind,
                           const std::string& cohort, const std::string& display_name) override;
    std::string join_cohort(const std::string& role, const std::string& kind,
                            const std::string& cohort) override;
    std::string set_password(const std::string& role, const std::string& password) override;

    std::string push(const SharedDrill& drill) override;
    std::string withdraw(const std::string& drill_uid, const std::string& cohort) override;
    std::string pull_notes(std::vector<ProgrammeNote>* notes) override;

    std::string cohort_drills(const std::string& cohort, const CohortPage& page,
                              std::vector<CohortDrill>* drills) override;
    std::string drill_turns(const std::string& drill_uid, const std::string& cohort,
                            std::vector<SharedTurn>* turns,
                            std::vector<ProgrammeNote>* notes) override;
    std::string add_note(const NoteDraft& note, std::string* note_uid) override;
    std::string add_assignment(const AssignmentDraft& a, std::string* uid) override;
    std::string delete_assignment(const std::string& uid) override;
    std::string assignment_progress(const std::string& cohort,
                                    std::vector<AssignmentProgress>* rows) override;
    std::string pull_assignments(std::vector<ProgrammeAssignment>* out) override;
    std::string push_assignment_status(const std::string& uid, const std::string& status) override;
    std::string cohort_ratings(const std::string& cohort,
                               std::vector<agreement::TurnRating>* ratings) override;

  private:
    // Runs `work` in one transaction (it commits); "" or the error, first line only. A lost
    // connection marks this Server unusable.
    template <typename F>
    std::string transact(const char* what, F&& work);

    std::unique_ptr<pqxx::connection> conn_;
    std::string conninfo_;  // to compute a password verifier (set_password); carries no password
    bool lost_ = false;
};

// The error's first line without libpq's "ERROR:  " prefix.
std::string first_line(const char* what);

template <typename F>
std::string PgServer::transact(const char* what, F&& work) {
    if (!connected()) return std::string(what) + ": not connected to the programme server";
    try {
        pqxx::work tx(*conn_);
        work(tx);
        tx.commit();
        return "";
    } catch (const pqxx::in_doubt_error& e) {
        lost_ = true;
        return std::string(what) + ": the connection was lost while committing (" +
               first_line(e.what()) + "); run it again, it is safe to repeat";
    } catch (const pqxx::broken_connection& e) {
        lost_ = true;
        return std::string(what) + ": the connection to the programme server was lost (" +
               first_line(e.what()) + "); nothing of this step was kept";
    } catch (const pqxx::sql_error& e) {
        if (!conn_->is_open()) lost_ = true;
        return std::string(what) + ": " + first_line(e.what());
    } catch (const std::exception& e) {
        if (!conn_->is_open()) lost_ = true;
        return std::string(what) + ": " + first_line(e.what());
    }
}

// SQL reading the timestamptz column `col` as ISO-8601 UTC text with milliseconds, as the local
// record writes them.
std::string iso_sql(const std::string& col);

}  // namespace impasse::programme
