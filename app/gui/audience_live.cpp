#include "gui/audience_live.h"

#include <chrono>

namespace impasse::gui {

std::unique_ptr<LiveAudience> LiveAudience::start(Demo& demo, const Scorer* scorer,
                                                  const std::string& bind, int port,
                                                  std::string* error) {
    std::unique_ptr<LiveAudience> live(new LiveAudience());
    live->room_ = AudienceRoom::create(scorer, AudienceLimits{}, error);
    if (!live->room_) return nullptr;
    live->server_ = std::make_unique<cli::AudienceServer>(*live->room_, demo);
    live->server_->show_current_moment();
    live->port_ = live->server_->bind(bind, port, error);
    if (live->port_ < 0) return nullptr;
    live->urls_ = cli::audience_urls(bind, live->port_, live->room_->code());
    if (!cli::qr_encode(live->urls_.front(), &live->qr_, error)) return nullptr;
    LiveAudience* self = live.get();
    live->thread_ = std::thread([self] {
        self->server_->serve();
        std::lock_guard<std::mutex> lock(self->served_mutex_);
        self->served_ = true;
    });
    return live;
}

LiveAudience::~LiveAudience() {
    if (!thread_.joinable()) return;
    // stop() before the server has started listening would be lost: repeat until it returns.
    for (;;) {
        server_->stop();
        {
            std::lock_guard<std::mutex> lock(served_mutex_);
            if (served_) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    thread_.join();
}

bool LiveAudience::sync_tally(Demo& demo) {
    AudienceResults r = room_->results();
    if (r.votes == 0) return false;  // nobody has voted here yet: keep what the tally had
    AudienceMoment m = audience_moment(demo);
    bool changed = false;
    const std::string& node = demo.session().node().id;
    for (size_t i = 0; i < m.options.size() && i < r.counts.size(); ++i) {
        if (r.counts[i].first != m.options[i].id) continue;
        if (demo.hands(node, m.options[i].key) == r.counts[i].second) continue;
        demo.set_hands(m.options[i].key, r.counts[i].second);
        changed = true;
    }
    return changed;
}

}  // namespace impasse::gui
