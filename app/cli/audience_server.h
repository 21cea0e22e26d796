// AudienceServer: the workshop's audience page and its JSON API over HTTP (libmicrohttpd, one
// epoll loop per thread, so a slow client holds no thread), in front of an AudienceRoom
// (engine/include/impasse/audience.h) and the presenter's Demo.
//
// Routes (docs/workshop.md has the full API):
//   GET  /                      the voting page (inline HTML/CSS/JS, nothing external)
//   GET  /api/state?room=CODE   what this voter sees
//   POST /api/vote              {"room","option"}
//   POST /api/answer            {"room","text"} while typed answers are allowed
//   GET  /api/presenter/state   and POST /api/presenter/{moment,open,close,reveal,
//                               allow-answers}: need `Authorization: Bearer TOKEN`
// The voter id is a random cookie the server sets (HttpOnly, SameSite=Strict), only to a
// request that carries the room's code. A Host header other than the addresses the server
// prints (audience_urls) is refused with 403 bad_host (DNS rebinding). Every request from the
// audience first takes a token from its address's bucket (429 when empty); bodies are at most
// 4 KB however sent (413, or the connection closed for a chunked one), JSON only (415), strictly
// shaped (400); a wrong room code or token is 403. Each connection carries one request, which
// must arrive whole within request_deadline_seconds; request line and headers are bounded by
// connection_memory_bytes (MHD answers 414/431). Nothing the audience sends reaches the demo:
// only the presenter's routes move it.
//
// Ownership: the room and the demo are borrowed and must outlive the server; the server is the
// only one to touch the demo while it runs, under demo_mutex() (an embedding GUI that reads
// the demo must hold it too). Errors: bind() reports failure as a message; handlers never
// throw out of the server. Thread safety: stop() may be called from any thread; serve() blocks
// on the calling thread and handles requests on its own pool.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "impasse/audience.h"
#include "impasse/demo.h"

namespace impasse::cli {

struct ServerLimits {
    int threads = 2;                   // event loops (each serves many connections)
    int idle_timeout_seconds = 3;      // a connection silent this long is dropped
    int request_deadline_seconds = 5;  // a connection open this long is dropped, however busy
    size_t max_body_bytes = 4096;
    size_t connection_memory_bytes = 16384;  // request line + headers + buffers, per connection
    int max_connections = 800;               // open at once (below the usual 1024 descriptors)
    int max_connections_per_address = 32;
    int listen_backlog = 256;  // connections waiting to be accepted
};

class AudienceServer {
  public:
    AudienceServer(AudienceRoom& room, Demo& demo, ServerLimits limits = {});
    ~AudienceServer();
    AudienceServer(const AudienceServer&) = delete;
    AudienceServer& operator=(const AudienceServer&) = delete;

    // Binds to `address` (an IPv4 or IPv6 literal or a host name) and `port` (0: any free
    // port). Returns the port, or -1 with `*error` set.
    int bind(const std::string& address, int port, std::string* error);
    // Serves until stop(). False when it could not (not bound, or the socket failed).
    bool serve();
    void stop();

    // Puts the demo's current moment in front of the room (voting closed, no votes).
    void show_current_moment();
    std::mutex& demo_mutex() { return demo_mutex_; }
    const ServerLimits& limits() const;

    // Implementation details (audience_server.cpp), named here for its C callbacks.
    struct Impl;
    struct Routes;

  private:
    std::unique_ptr<Impl> impl_;
    AudienceRoom& room_;
    Demo& demo_;
    std::mutex demo_mutex_;
};

// Where phones reach a server bound to `bind`:`port`, each as "http://HOST:PORT/?room=CODE".
// Bound to every interface (0.0.0.0 or ::), one per IPv4 address of the machine other than
// loopback (127.0.0.1 when there is none); else the bound address itself (IPv6 in brackets).
std::vector<std::string> audience_urls(const std::string& bind, int port, const std::string& room);

// The voting page. `nonce` goes in the Content-Security-Policy and on the inline script and
// style, so that nothing else may run on the page.
std::string audience_page(const std::string& nonce);

}  // namespace impasse::cli
