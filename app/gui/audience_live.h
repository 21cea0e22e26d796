// A live audience vote in the workshop screen: the room (engine/include/impasse/audience.h),
// its HTTP server (app/cli/audience_server.h) on a thread of its own, where phones connect,
// and that address as a QR code for the projector.
//
// Mental model: the presenter starts it (key A) for the running demo and it lives until the
// presenter stops it, starts another demo or leaves the workshop; destroying it stops the
// server and joins its thread. The server may move the demo (the presenter's JSON API), so
// whoever reads or changes the demo while it lives holds demo_mutex(). sync_tally() copies
// the room's votes into the demo's tally at the current node (saved with the demo).
//
// Errors are values: start() returns null with `*error` set (no randomness, the address is
// taken or not ours). Not copyable; not thread-safe apart from what the server does itself.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/audience_server.h"
#include "cli/qr.h"
#include "impasse/audience.h"
#include "impasse/demo.h"

namespace impasse::gui {

class LiveAudience {
  public:
    // Listens on `bind`:`port` (port 0: any free port) for `demo`, which must outlive it.
    static std::unique_ptr<LiveAudience> start(Demo& demo, const Scorer* scorer,
                                               const std::string& bind, int port,
                                               std::string* error);
    ~LiveAudience();
    LiveAudience(const LiveAudience&) = delete;
    LiveAudience& operator=(const LiveAudience&) = delete;

    AudienceRoom& room() { return *room_; }
    std::mutex& demo_mutex() { return server_->demo_mutex(); }
    int port() const { return port_; }
    const std::vector<std::string>& urls() const { return urls_; }  // the first is in the QR
    const cli::QrMatrix& qr() const { return qr_; }

    // With demo_mutex() held, after the demo moved: puts its current moment in front of the
    // room (voting closed, no votes).
    void show_moment(const Demo& demo) { room_->set_moment(audience_moment(demo)); }
    // With demo_mutex() held: writes the room's votes at this moment into the demo's tally.
    // True when the tally changed (the demo should be saved).
    bool sync_tally(Demo& demo);

  private:
    LiveAudience() = default;
    std::unique_ptr<AudienceRoom> room_;
    std::unique_ptr<cli::AudienceServer> server_;
    std::thread thread_;
    int port_ = 0;
    std::vector<std::string> urls_;
    cli::QrMatrix qr_;
    bool served_ = false;  // written by the server's thread when serve() returns
    std::mutex served_mutex_;
};

}  // namespace impasse::gui
