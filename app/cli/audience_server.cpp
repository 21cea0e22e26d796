// The audience server's routes: each handler checks, calls the room (or, for the presenter,
// the demo), and answers JSON. The checks every request shares (rate limit, presenter token)
// run before routing.
#include "cli/audience_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <string>
#include <utility>

namespace impasse::cli {

namespace {

constexpr const char* kCookie = "impasse_voter";
using Json = nlohmann::json;

int http_status(AudienceError e) {
    switch (e) {
        case AudienceError::none:
            return 200;
        case AudienceError::wrong_room:
        case AudienceError::unknown_voter:
            return 403;
        case AudienceError::no_moment:
        case AudienceError::voting_closed:
        case AudienceError::answers_not_allowed:
        case AudienceError::already_answered:
        case AudienceError::moment_changed:
            return 409;
        case AudienceError::rate_limited:
            return 429;
        case AudienceError::room_full:
        case AudienceError::no_randomness:
            return 503;
        default:
            return 400;
    }
}

std::string dump(const Json& j) {
    // Scenario text is validated UTF-8 already; replacing stray bytes keeps dump() from throwing.
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const Json& j) {
    res.status = status;
    res.set_content(dump(j), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, AudienceError e) {
    send_json(res, http_status(e),
              {{"error", audience_error_code(e)}, {"message", audience_error_message(e)}});
}

void send_error(httplib::Response& res, int status, const char* code, const char* message) {
    send_json(res, status, {{"error", code}, {"message", message}});
}

// The voter id from the Cookie header, or "" (only a well-formed id is returned).
std::string cookie_voter(const httplib::Request& req) {
    std::string header = req.get_header_value("Cookie");
    std::string key = std::string(kCookie) + "=";
    size_t at = 0;
    while ((at = header.find(key, at)) != std::string::npos) {
        if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') {
            std::string value = header.substr(at + key.size(), 32);
            if (audience::valid_hex_id(value)) return value;
        }
        at += key.size();
    }
    return "";
}

// A JSON object body with exactly the fields in `fields` (each a string unless named in
// `booleans`). Writes the error response and returns false when it is anything else.
bool read_body(const httplib::Request& req, httplib::Response& res,
               std::initializer_list<const char*> fields, Json* out,
               std::initializer_list<const char*> booleans = {}) {
    std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
        send_error(res, 415, "bad_content_type", "Send JSON (Content-Type: application/json).");
        return false;
    }
    Json j = Json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        send_error(res, 400, "bad_json", "The body is not a JSON object.");
        return false;
    }
    size_t known = 0;
    for (const char* f : fields) {
        bool is_bool = std::find_if(booleans.begin(), booleans.end(), [&](const char* b) {
                           return std::string(b) == f;
                       }) != booleans.end();
        auto it = j.find(f);
        if (it == j.end()) continue;
        if (is_bool ? !it->is_boolean() : !it->is_string()) {
            send_error(res, 400, "bad_field", "A field has the wrong type.");
            return false;
        }
        ++known;
    }
    if (known != j.size()) {
        send_error(res, 400, "bad_field", "The body has a field it may not.");
        return false;
    }
    *out = std::move(j);
    return true;
}

std::string field(const Json& j, const char* name) {
    auto it = j.find(name);
    return it == j.end() ? std::string() : it->get<std::string>();
}

}  // namespace

struct AudienceServer::Impl {
    httplib::Server http;
    ServerLimits limits;
    std::atomic<int> socket{-1};
    bool bound = false;
};

AudienceServer::AudienceServer(AudienceRoom& room, Demo& demo, ServerLimits limits)
    : impl_(std::make_unique<Impl>()), room_(room), demo_(demo) {
    impl_->limits = limits;
    httplib::Server& http = impl_->http;
    const size_t threads = static_cast<size_t>(std::max(1, limits.threads));
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(limits.max_body_bytes);
    http.set_read_timeout(limits.read_timeout_seconds, 0);
    http.set_write_timeout(limits.write_timeout_seconds, 0);
    // One request per connection: a phone polling every second would otherwise hold one of
    // the pool's threads for the whole keep-alive time.
    http.set_keep_alive_max_count(1);
    http.set_keep_alive_timeout(1);
    http.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        impl_->socket = sock;
    });
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});

    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/presenter/", 0) == 0) {
            std::string auth = req.get_header_value("Authorization");
            const std::string bearer = "Bearer ";
            bool ok = auth.rfind(bearer, 0) == 0 && room_.check_token(auth.substr(bearer.size()));
            if (ok) return httplib::Server::HandlerResponse::Unhandled;
            // Guesses cost the guesser's budget too.
            AudienceError e = room_.allow(req.remote_addr);
            if (e != AudienceError::none)
                send_error(res, e);
            else
                send_error(res, 403, "bad_token", "The presenter's token is missing or wrong.");
            return httplib::Server::HandlerResponse::Handled;
        }
        AudienceError e = room_.allow(req.remote_addr);
        if (e == AudienceError::none) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, e);
        if (e == AudienceError::rate_limited) res.set_header("Retry-After", "1");
        return httplib::Server::HandlerResponse::Handled;
    });
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // Statuses httplib sets itself (404, 413, 400 for a broken request line...).
        if (!res.body.empty()) return;
        if (res.status == 404)
            send_error(res, 404, "not_found", "There is nothing here.");
        else if (res.status == 413)
            send_error(res, 413, "too_large", "The request is too large.");
        else if (res.status < 500)
            send_error(res, res.status, "bad_request", "The request is malformed.");
        else
            send_error(res, res.status, "internal", "The server could not answer that.");
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, "internal", "The server could not answer that.");
        });

    // A voter: the cookie's id when this room issued it; a new one (and the cookie) for GETs.
    auto voter_for = [this](const httplib::Request& req, httplib::Response& res, bool issue,
                            std::string* id) {
        *id = cookie_voter(req);
        if (!id->empty() && room_.known_voter(*id)) return AudienceError::none;
        id->clear();
        if (!issue) return AudienceError::unknown_voter;
        AudienceError e = room_.new_voter(id);
        if (e == AudienceError::none)
            res.set_header("Set-Cookie", std::string(kCookie) + "=" + *id +
                                             "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
        return e;
    };

    http.Get("/", [this, voter_for](const httplib::Request& req, httplib::Response& res) {
        std::string id;
        AudienceError e = voter_for(req, res, true, &id);
        if (e != AudienceError::none) return send_error(res, e);
        std::string nonce = audience::random_hex(16);
        if (nonce.empty()) return send_error(res, AudienceError::no_randomness);
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" +
                           nonce +
                           "'; connect-src 'self'; img-src 'self'; base-uri 'none'; "
                           "form-action 'none'; frame-ancestors 'none'");
        res.set_content(audience_page(nonce), "text/html; charset=utf-8");
    });

    http.Get("/api/state", [this, voter_for](const httplib::Request& req, httplib::Response& res) {
        if (!room_.check_code(req.get_param_value("room")))
            return send_error(res, AudienceError::wrong_room);
        std::string id;
        AudienceError e = voter_for(req, res, true, &id);
        if (e != AudienceError::none) return send_error(res, e);
        send_json(res, 200, room_.voter_view(id));
    });

    // A voter's POST: {"room", NAME} with the voter from the cookie, then act(voter, value).
    auto voter_post = [this, voter_for](const char* name, auto act) {
        return [this, voter_for, name, act](const httplib::Request& req, httplib::Response& res) {
            Json body;
            if (!read_body(req, res, {"room", name}, &body)) return;
            if (!room_.check_code(field(body, "room")))
                return send_error(res, AudienceError::wrong_room);
            std::string id;
            AudienceError e = voter_for(req, res, false, &id);
            if (e == AudienceError::none) e = act(id, field(body, name));
            if (e != AudienceError::none) return send_error(res, e);
            send_json(res, 200, room_.voter_view(id));
        };
    };
    http.Post("/api/vote",
              voter_post("option", [this](const std::string& voter, const std::string& option) {
                  return room_.vote(voter, option);
              }));
    http.Post("/api/answer",
              voter_post("text", [this](const std::string& voter, const std::string& text) {
                  return room_.answer(voter, text);
              }));

    // The presenter's routes (the token was checked before routing).
    auto presenter_view = [this] {
        Json j = room_.presenter_view();
        std::lock_guard<std::mutex> lock(demo_mutex_);
        const Session& s = demo_.session();
        j["demo"] = {{"scenario", s.scenario().id}, {"branch", demo_.current()},
                     {"node", s.node().id},         {"depth", demo_.depth(demo_.current())},
                     {"at_end", s.at_end()},        {"branches", demo_.branches().size()}};
        return j;
    };
    // Optional empty body: `{}` or nothing at all.
    auto no_body = [](const httplib::Request& req, httplib::Response& res) {
        if (req.body.empty()) return true;
        Json ignored;
        return read_body(req, res, {}, &ignored);
    };

    http.Get("/api/presenter/state",
             [presenter_view](const httplib::Request&, httplib::Response& res) {
                 send_json(res, 200, presenter_view());
             });
    http.Post("/api/presenter/moment", [this, presenter_view](const httplib::Request& req,
                                                              httplib::Response& res) {
        Json body;
        if (!read_body(req, res, {"option", "back"}, &body, {"back"})) return;
        bool back = body.value("back", false);
        std::string option = field(body, "option");
        if (back == !option.empty()) {
            return send_error(res, 400, "bad_field", "Send either \"option\" or \"back\": true.");
        }
        {
            std::lock_guard<std::mutex> lock(demo_mutex_);
            Session::Result r;
            if (back) {
                r = demo_.back();
            } else {
                // A letter of the current moment, or a response id.
                std::string response = option;
                for (const auto& o : audience_moment(demo_).options)
                    if (o.id == option) response = o.key;
                r = demo_.play(response);
            }
            if (!r.ok) return send_json(res, 409, {{"error", "cannot_move"}, {"message", r.error}});
            room_.set_moment(audience_moment(demo_));
        }
        send_json(res, 200, presenter_view());
    });
    auto control = [this, no_body, presenter_view](auto act) {
        return [no_body, presenter_view, act](const httplib::Request& req, httplib::Response& res) {
            if (!no_body(req, res)) return;
            AudienceError e = act();
            if (e != AudienceError::none) return send_error(res, e);
            send_json(res, 200, presenter_view());
        };
    };
    http.Post("/api/presenter/open", control([this] { return room_.open(); }));
    http.Post("/api/presenter/close", control([this] {
                  room_.close();
                  return AudienceError::none;
              }));
    http.Post("/api/presenter/reveal", control([this] {
                  AudienceError e = room_.reveal();
                  if (e != AudienceError::none) return e;
                  // The room's hands are the demo's tally at this moment (saved with it).
                  std::lock_guard<std::mutex> lock(demo_mutex_);
                  AudienceMoment m = audience_moment(demo_);
                  AudienceResults r = room_.results();
                  for (size_t i = 0; i < m.options.size() && i < r.counts.size(); ++i)
                      if (r.counts[i].first == m.options[i].id)
                          demo_.set_hands(m.options[i].key, r.counts[i].second);
                  return AudienceError::none;
              }));
    http.Post("/api/presenter/allow-answers",
              [this, presenter_view](const httplib::Request& req, httplib::Response& res) {
                  Json body;
                  if (!read_body(req, res, {"allow"}, &body, {"allow"})) return;
                  if (!body.contains("allow"))
                      return send_error(res, 400, "bad_field", "Send {\"allow\": true or false}.");
                  AudienceError e = room_.allow_answers(body["allow"].get<bool>());
                  if (e != AudienceError::none) return send_error(res, e);
                  send_json(res, 200, presenter_view());
              });
}

AudienceServer::~AudienceServer() {
    stop();
}

void AudienceServer::show_current_moment() {
    std::lock_guard<std::mutex> lock(demo_mutex_);
    room_.set_moment(audience_moment(demo_));
}

int AudienceServer::bind(const std::string& address, int port, std::string* error) {
    int got = port == 0 ? impl_->http.bind_to_any_port(address)
                        : (impl_->http.bind_to_port(address, port) ? port : -1);
    if (got < 0) {
        if (error) *error = "cannot listen on " + address + ":" + std::to_string(port);
        return -1;
    }
    // cpp-httplib listens with a backlog of 5; a room of phones arriving at once would have
    // their connections dropped and retried seconds later. Listening again raises it.
    if (impl_->socket >= 0) ::listen(impl_->socket, impl_->limits.listen_backlog);
    impl_->bound = true;
    return got;
}

bool AudienceServer::serve() {
    return impl_->bound && impl_->http.listen_after_bind();
}

void AudienceServer::stop() {
    if (impl_->http.is_running()) impl_->http.stop();
}

std::vector<std::string> audience_urls(const std::string& bind, int port, const std::string& room) {
    std::vector<std::string> hosts;
    if (bind == "0.0.0.0" || bind == "::") {
        ifaddrs* list = nullptr;
        if (getifaddrs(&list) == 0) {
            for (ifaddrs* a = list; a; a = a->ifa_next) {
                if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
                if (a->ifa_flags & IFF_LOOPBACK) continue;
                char text[INET_ADDRSTRLEN] = {};
                auto* in = reinterpret_cast<sockaddr_in*>(a->ifa_addr);
                if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) hosts.push_back(text);
            }
            freeifaddrs(list);
        }
        if (hosts.empty()) hosts.push_back("127.0.0.1");
    } else {
        hosts.push_back(bind.find(':') != std::string::npos ? "[" + bind + "]" : bind);
    }
    std::vector<std::string> urls;
    for (const std::string& h : hosts)
        urls.push_back("http://" + h + ":" + std::to_string(port) + "/?room=" + room);
    return urls;
}

}  // namespace impasse::cli
