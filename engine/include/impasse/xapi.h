// xAPI (Experience API 1.0.3) statements for the trainee's record, so training programmes can
// load drills and responses into their learning record store.
//
// One statement per drill ("attempted", or "completed" with the ending and mean score) and one
// per answered turn ("responded", with the scaled score and the response). The actor is an
// account on the trainee's own machine (name chosen by the trainee; no e-mail is needed).
// Statement ids are deterministic UUIDs derived from drill and turn, so exporting twice does
// not create duplicates in a record store.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "impasse/report.h"

namespace impasse {

struct XapiActor {
    std::string name = "Impasse trainee";
    std::string home_page = "urn:impasse:local";  // the account's home page (IRI)
    std::string account = "trainee";
};

// A JSON array of statements for every drill in `data`.
nlohmann::json xapi_statements(const ReportData& data, const XapiActor& actor);

}  // namespace impasse
