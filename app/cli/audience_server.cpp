// The audience server's routes: each handler checks, calls the room (or, for the presenter,
// the demo), and answers JSON. The checks every request shares (Host, rate limit, presenter
// token) run before routing. libmicrohttpd reads the requests, within the bounds it is given;
// a watchdog gives each connection a total deadline.
#include "cli/audience_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <microhttpd.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <thread>
#include <utility>

#include "impasse/json_write.h"

namespace impasse::cli {

namespace {

constexpr const char* kCookie = "impasse_voter";
using Json = nlohmann::json;

// One request as the routes see it (libmicrohttpd's connection stays behind this).
struct Request {
    MHD_Connection* connection = nullptr;
    std::string method, path, remote_addr, body;
    std::string header(const char* name) const {
        const char* v = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
        return v ? v : "";
    }
    std::string param(const char* name) const {
        const char* v = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, name);
        return v ? v : "";
    }
};

struct Response {
    int status = 200;
    std::string body, type;
    std::vector<std::pair<std::string, std::string>> headers;
    void set_content(std::string b, const char* t) {
        body = std::move(b);
        type = t;
    }
    void set_header(std::string k, std::string v) {
        headers.emplace_back(std::move(k), std::move(v));
    }
};

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
    return json_out::write(j);
}

void send_json(Response& res, int status, const Json& j) {
    res.status = status;
    res.set_content(dump(j), "application/json; charset=utf-8");
}

void send_error(Response& res, AudienceError e) {
    send_json(res, http_status(e),
              {{"error", audience_error_code(e)}, {"message", audience_error_message(e)}});
}

void send_error(Response& res, int status, const char* code, const char* message) {
    send_json(res, status, {{"error", code}, {"message", message}});
}

// The voter id from the Cookie header, or "" (only a well-formed id is returned).
std::string cookie_voter(const Request& req) {
    std::string header = req.header("Cookie");
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
bool read_body(const Request& req, Response& res, std::initializer_list<const char*> fields,
               Json* out, std::initializer_list<const char*> booleans = {}) {
    std::string type = req.header("Content-Type");
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

// The client's address as text ("" when it has none MHD can tell).
std::string client_address(MHD_Connection* c) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "";
    char text[INET6_ADDRSTRLEN] = {};
    const sockaddr* a = info->client_addr;
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, text, sizeof text);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, text,
                  sizeof text);
    return text;
}

// A request's body while it arrives.
struct Pending {
    std::string body;
};

}  // namespace

struct AudienceServer::Impl {
    ServerLimits limits;
    int socket = -1;
    bool bound = false;
    std::vector<std::string> hosts;  // accepted Host headers ("host:port")
    MHD_Daemon* daemon = nullptr;

    std::mutex stop_mutex;
    std::condition_variable stop_cv;
    bool stopping = false;

    // Every open connection's socket and when it opened, for the watchdog.
    std::mutex open_mutex;
    struct Open {
        int fd = -1;
        std::chrono::steady_clock::time_point since;
        bool cut = false;
    };
    std::map<MHD_Connection*, Open> open;
};

namespace {

MHD_Result queue(MHD_Connection* c, const Response& res) {
    MHD_Response* r = MHD_create_response_from_buffer(
        res.body.size(), const_cast<char*>(res.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    if (!res.type.empty()) MHD_add_response_header(r, "Content-Type", res.type.c_str());
    for (const auto& [k, v] :
         {std::pair<const char*, const char*>{"X-Content-Type-Options", "nosniff"},
          {"Cache-Control", "no-store"},
          {"Referrer-Policy", "no-referrer"},
          {"X-Frame-Options", "DENY"},
          // One request per connection: a phone polling every second
          // would otherwise keep a connection open all the time.
          {"Connection", "close"}})
        MHD_add_response_header(r, k, v);
    for (const auto& [k, v] : res.headers)
        MHD_add_response_header(r, k.c_str(), v.c_str());
    MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(res.status), r);
    MHD_destroy_response(r);
    return ok;
}

}  // namespace

struct AudienceServer::Routes {
    static void handle(AudienceServer& s, const Request& req, Response& res);
};

extern "C" {

static MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method,
                             const char*, const char* upload, size_t* upload_size, void** state) {
    auto* server = static_cast<AudienceServer*>(cls);
    const ServerLimits& limits = server->limits();
    if (!*state) {
        // Headers are in; the body (if any) is not. A declared length over the limit is
        // refused now, before any of it is read.
        const char* length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (length && std::strtoull(length, nullptr, 10) > limits.max_body_bytes) {
            Response res;
            send_error(res, 413, "too_large", "The request is too large.");
            return queue(c, res);
        }
        *state = new Pending();
        return MHD_YES;
    }
    auto* pending = static_cast<Pending*>(*state);
    if (*upload_size != 0) {
        // A chunked body has no declared length: past the limit the connection is closed,
        // and nothing more of it is read or kept.
        if (pending->body.size() + *upload_size > limits.max_body_bytes) return MHD_NO;
        pending->body.append(upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    Request req;
    req.connection = c;
    req.method = method;
    req.path = url;
    req.remote_addr = client_address(c);
    req.body = std::move(pending->body);
    Response res;
    try {
        AudienceServer::Routes::handle(*server, req, res);
    } catch (...) {
        res = Response();
        send_error(res, 500, "internal", "The server could not answer that.");
    }
    return queue(c, res);
}

static void on_completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
    delete static_cast<Pending*>(*state);
    *state = nullptr;
}

static void on_connection(void* cls, MHD_Connection* c, void**,
                          MHD_ConnectionNotificationCode code) {
    auto* impl = static_cast<AudienceServer::Impl*>(cls);
    std::lock_guard<std::mutex> lock(impl->open_mutex);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const MHD_ConnectionInfo* info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (info) impl->open[c] = {info->connect_fd, std::chrono::steady_clock::now(), false};
    } else {
        // MHD tells this before it closes the socket, so the watchdog (which holds the same
        // lock) never shuts a descriptor that has been reused.
        impl->open.erase(c);
    }
}

}  // extern "C"

AudienceServer::AudienceServer(AudienceRoom& room, Demo& demo, ServerLimits limits)
    : impl_(std::make_unique<Impl>()), room_(room), demo_(demo) {
    impl_->limits = limits;
}

const ServerLimits& AudienceServer::limits() const {
    return impl_->limits;
}

void AudienceServer::Routes::handle(AudienceServer& s, const Request& req, Response& res) {
    AudienceRoom& room_ = s.room_;
    Demo& demo_ = s.demo_;
    std::mutex& demo_mutex_ = s.demo_mutex_;

    // DNS rebinding: a page elsewhere that resolves its own name to this machine sends its
    // own name as Host. Only the names and addresses the server printed are this server.
    const std::vector<std::string>& hosts = s.impl_->hosts;
    if (std::find(hosts.begin(), hosts.end(), req.header("Host")) == hosts.end())
        return send_error(res, 403, "bad_host", "This server is not reached by that name.");

    if (req.path.rfind("/api/presenter/", 0) == 0) {
        std::string auth = req.header("Authorization");
        const std::string bearer = "Bearer ";
        bool ok = auth.rfind(bearer, 0) == 0 && room_.check_token(auth.substr(bearer.size()));
        if (!ok) {
            // Guesses cost the guesser's budget too.
            AudienceError e = room_.allow(req.remote_addr);
            if (e != AudienceError::none) return send_error(res, e);
            return send_error(res, 403, "bad_token", "The presenter's token is missing or wrong.");
        }
    } else {
        AudienceError e = room_.allow(req.remote_addr);
        if (e != AudienceError::none) {
            send_error(res, e);
            if (e == AudienceError::rate_limited) res.set_header("Retry-After", "1");
            return;
        }
    }

    // A voter: the cookie's id when this room issued it; a new one (and the cookie) for GETs
    // that carry the room's code.
    auto voter_for = [&](bool issue, std::string* id) {
        *id = cookie_voter(req);
        if (!id->empty() && room_.known_voter(*id)) return AudienceError::none;
        id->clear();
        if (!issue) return AudienceError::unknown_voter;
        AudienceError e = room_.new_voter(req.remote_addr, id);
        if (e == AudienceError::none)
            res.set_header("Set-Cookie", std::string(kCookie) + "=" + *id +
                                             "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
        return e;
    };
    const bool get = req.method == "GET", post = req.method == "POST";

    if (get && req.path == "/") {
        // The page itself needs no voter; one is made only for someone who has the code.
        if (room_.check_code(req.param("room"))) {
            std::string id;
            AudienceError e = voter_for(true, &id);
            if (e != AudienceError::none) return send_error(res, e);
        }
        std::string nonce = audience::random_hex(16);
        if (nonce.empty()) return send_error(res, AudienceError::no_randomness);
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" +
                           nonce +
                           "'; connect-src 'self'; img-src 'self'; base-uri 'none'; "
                           "form-action 'none'; frame-ancestors 'none'");
        res.set_content(audience_page(nonce), "text/html; charset=utf-8");
        return;
    }
    if (get && req.path == "/api/state") {
        if (!room_.check_code(req.param("room"))) return send_error(res, AudienceError::wrong_room);
        std::string id;
        AudienceError e = voter_for(true, &id);
        if (e != AudienceError::none) return send_error(res, e);
        return send_json(res, 200, room_.voter_view(id));
    }

    // A voter's POST: {"room", NAME} with the voter from the cookie, then act(voter, value).
    auto voter_post = [&](const char* name, auto act) {
        Json body;
        if (!read_body(req, res, {"room", name}, &body)) return;
        if (!room_.check_code(field(body, "room")))
            return send_error(res, AudienceError::wrong_room);
        std::string id;
        AudienceError e = voter_for(false, &id);
        if (e == AudienceError::none) e = act(id, field(body, name));
        if (e != AudienceError::none) return send_error(res, e);
        send_json(res, 200, room_.voter_view(id));
    };
    if (post && req.path == "/api/vote")
        return voter_post("option", [&](const std::string& voter, const std::string& option) {
            return room_.vote(voter, option);
        });
    if (post && req.path == "/api/answer")
        return voter_post("text", [&](const std::string& voter, const std::string& text) {
            return room_.answer(voter, text);
        });

    // The presenter's routes (the token was checked above).
    auto presenter_view = [&] {
        Json j = room_.presenter_view();
        std::lock_guard<std::mutex> lock(demo_mutex_);
        const Session& session = demo_.session();
        j["demo"] = {{"scenario", session.scenario().id}, {"branch", demo_.current()},
                     {"node", session.node().id},         {"depth", demo_.depth(demo_.current())},
                     {"at_end", session.at_end()},        {"branches", demo_.branches().size()}};
        return j;
    };
    // Optional empty body: `{}` or nothing at all.
    auto no_body = [&] {
        if (req.body.empty()) return true;
        Json ignored;
        return read_body(req, res, {}, &ignored);
    };
    auto control = [&](auto act) {
        if (!no_body()) return;
        AudienceError e = act();
        if (e != AudienceError::none) return send_error(res, e);
        send_json(res, 200, presenter_view());
    };

    if (get && req.path == "/api/presenter/state") return send_json(res, 200, presenter_view());
    if (post && req.path == "/api/presenter/moment") {
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
        return send_json(res, 200, presenter_view());
    }
    if (post && req.path == "/api/presenter/open") return control([&] { return room_.open(); });
    if (post && req.path == "/api/presenter/close")
        return control([&] {
            room_.close();
            return AudienceError::none;
        });
    if (post && req.path == "/api/presenter/reveal")
        return control([&] {
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
        });
    if (post && req.path == "/api/presenter/allow-answers") {
        Json body;
        if (!read_body(req, res, {"allow"}, &body, {"allow"})) return;
        if (!body.contains("allow"))
            return send_error(res, 400, "bad_field", "Send {\"allow\": true or false}.");
        AudienceError e = room_.allow_answers(body["allow"].get<bool>());
        if (e != AudienceError::none) return send_error(res, e);
        return send_json(res, 200, presenter_view());
    }
    send_error(res, 404, "not_found", "There is nothing here.");
}

AudienceServer::~AudienceServer() {
    stop();
    if (impl_->socket >= 0) ::close(impl_->socket);  // bound, never served
}

void AudienceServer::show_current_moment() {
    std::lock_guard<std::mutex> lock(demo_mutex_);
    room_.set_moment(audience_moment(demo_));
}

int AudienceServer::bind(const std::string& address, int port, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = "cannot listen on " + address + ":" + std::to_string(port) + ": " + why;
        return -1;
    };
    if (impl_->bound) return fail("already listening");
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    std::string service = std::to_string(port);
    int rc = getaddrinfo(address.c_str(), service.c_str(), &hints, &found);
    if (rc != 0) return fail(gai_strerror(rc));
    std::string why = "no address";
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 ||
            ::listen(fd, impl_->limits.listen_backlog) != 0) {
            why = std::strerror(errno);
            ::close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0) return fail(why);
    sockaddr_storage got{};
    socklen_t len = sizeof got;
    getsockname(fd, reinterpret_cast<sockaddr*>(&got), &len);
    int bound_port =
        ntohs(got.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&got)->sin6_port
                                        : reinterpret_cast<sockaddr_in*>(&got)->sin_port);
    impl_->socket = fd;
    impl_->bound = true;
    // The Host headers accepted: each printed address with its port (and without it on 80).
    std::vector<std::string> printed;
    for (const std::string& u : audience_urls(address, bound_port, "")) {
        std::string host = u.substr(7, u.find('/', 7) - 7);  // "http://" HOST:PORT "/..."
        printed.push_back(host);
        if (bound_port == 80) printed.push_back(host.substr(0, host.rfind(':')));
    }
    impl_->hosts = std::move(printed);
    return bound_port;
}

bool AudienceServer::serve() {
    if (!impl_->bound || impl_->daemon) return false;
    const ServerLimits& l = impl_->limits;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC;
    impl_->daemon = MHD_start_daemon(
        flags, 0, nullptr, nullptr, &on_request, this,  //
        MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(impl_->socket),
        MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(std::max(1, l.threads)),
        MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(std::max(1, l.idle_timeout_seconds)),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, l.connection_memory_bytes, MHD_OPTION_CONNECTION_LIMIT,
        static_cast<unsigned>(std::max(1, l.max_connections)), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        static_cast<unsigned>(std::max(1, l.max_connections_per_address)),
        MHD_OPTION_NOTIFY_COMPLETED, &on_completed, nullptr,        //
        MHD_OPTION_NOTIFY_CONNECTION, &on_connection, impl_.get(),  //
        MHD_OPTION_END);
    if (!impl_->daemon) return false;

    // The watchdog: a connection open longer than the deadline is shut, however steadily it
    // trickles (MHD's own timeout counts only silence).
    const auto deadline = std::chrono::seconds(std::max(1, l.request_deadline_seconds));
    std::unique_lock<std::mutex> lock(impl_->stop_mutex);
    while (!impl_->stopping) {
        impl_->stop_cv.wait_for(lock, std::chrono::milliseconds(200));
        auto now = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> open_lock(impl_->open_mutex);
        for (auto& [c, o] : impl_->open) {
            if (o.cut || now - o.since < deadline) continue;
            ::shutdown(o.fd, SHUT_RDWR);
            o.cut = true;
        }
    }
    lock.unlock();
    MHD_stop_daemon(impl_->daemon);  // closes the listening socket too
    impl_->daemon = nullptr;
    impl_->socket = -1;
    return true;
}

void AudienceServer::stop() {
    std::lock_guard<std::mutex> lock(impl_->stop_mutex);
    impl_->stopping = true;
    impl_->stop_cv.notify_all();
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
