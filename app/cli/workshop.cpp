// `impasse workshop serve SCENARIO [--bind ADDR] [--port N]`: a workshop's audience vote,
// headless. Serves the voting page and the JSON API (audience_server.h) for one demo of the
// case, prints where phones connect, the room code and the presenter's token, and runs until
// SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/audience_server.h"
#include "cli/cli_io.h"
#include "cli/commands.h"
#include "impasse/audience.h"
#include "impasse/demo.h"
#include "impasse/rubric_scorer.h"

namespace impasse::cli {
namespace {

struct ServeOptions {
    std::string scenario;
    std::string bind = "127.0.0.1";
    int port = 0;
    uint64_t seed = 1;
    int threads = 16;
};

// The machine's IPv4 addresses other than loopback: where phones in the room can reach a
// server bound to every interface.
std::vector<std::string> lan_addresses() {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return out;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        if (a->ifa_flags & IFF_LOOPBACK) continue;
        char text[INET_ADDRSTRLEN] = {};
        auto* in = reinterpret_cast<sockaddr_in*>(a->ifa_addr);
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) out.push_back(text);
    }
    freeifaddrs(list);
    return out;
}

std::string url_host(const std::string& bind) {
    return bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
}

void serve(const ServeOptions& o, int& exit_code) {
    ScenarioPtr scenario = find_scenario(o.scenario, exit_code);
    if (!scenario) return;
    std::string error;
    std::unique_ptr<Scorer> scorer = make_default_scorer(&error);
    if (!scorer) {
        std::fprintf(stderr, "impasse: cannot load the rubric:\n%s\n", error.c_str());
        exit_code = 1;
        return;
    }
    auto room = AudienceRoom::create(scorer.get(), AudienceLimits{}, &error);
    if (!room) {
        std::fprintf(stderr, "impasse: %s\n", error.c_str());
        exit_code = 1;
        return;
    }
    Demo demo(scenario, o.seed, scorer.get());

    // SIGINT and SIGTERM are taken by this thread alone (sigtimedwait below); the server's
    // threads, started after this, inherit the mask and never see them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    ServerLimits limits;
    limits.threads = o.threads;
    AudienceServer server(*room, demo, limits);
    server.show_current_moment();
    int port = server.bind(o.bind, o.port, &error);
    if (port < 0) {
        std::fprintf(stderr, "impasse: %s\n", error.c_str());
        pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
        exit_code = 1;
        return;
    }

    std::printf("impasse workshop: %s (%s)\n", scenario->title.c_str(), scenario->id.c_str());
    std::vector<std::string> hosts;
    if (o.bind == "0.0.0.0" || o.bind == "::") {
        hosts = lan_addresses();
        if (hosts.empty()) hosts.push_back("127.0.0.1");
    } else {
        hosts.push_back(url_host(o.bind));
    }
    for (const std::string& h : hosts)
        std::printf("url: http://%s:%d/?room=%s\n", h.c_str(), port, room->code().c_str());
    std::printf("port: %d\nroom: %s\npresenter-token: %s\n", port, room->code().c_str(),
                room->token().c_str());
    std::printf("Stop with Ctrl+C. The API is described in docs/workshop.md.\n");
    std::fflush(stdout);

    std::atomic<bool> served{false}, ok{true};
    std::thread loop([&] {
        ok = server.serve();
        served = true;
    });
    int signal_number = 0;
    timespec tick{0, 200 * 1000 * 1000};
    while (!served) {
        int s = sigtimedwait(&stop_signals, nullptr, &tick);
        if (s > 0) {
            signal_number = s;
            break;
        }
    }
    // stop() before the loop has started listening would be lost: repeat until it returns.
    while (!served) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    loop.join();
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);

    AudienceResults r = room->results();
    std::printf("stopped%s; last moment: %d votes\n",
                signal_number == SIGTERM  ? " (SIGTERM)"
                : signal_number == SIGINT ? " (SIGINT)"
                                          : "",
                r.votes);
    std::fflush(stdout);
    if (!ok && signal_number == 0) {
        std::fprintf(stderr, "impasse: the server stopped unexpectedly\n");
        exit_code = 1;
    }
}

}  // namespace

void add_workshop(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("workshop", "Run a workshop's audience vote headless");
    cmd->require_subcommand(1);
    auto o = std::make_shared<ServeOptions>();
    auto* serve_cmd = cmd->add_subcommand(
        "serve", "Serve the voting page and JSON API for phones in the room (docs/workshop.md)");
    serve_cmd->add_option("scenario", o->scenario, "A scenario file or a bundled scenario id")
        ->required();
    serve_cmd->add_option("--bind", o->bind,
                          "Address to listen on (default 127.0.0.1; 0.0.0.0 for the room)");
    serve_cmd->add_option("--port", o->port, "Port (default 0: any free port, printed)")
        ->check(CLI::Range(0, 65535));
    serve_cmd->add_option("--seed", o->seed, "Seed for the patient's line variants");
    serve_cmd->add_option("--threads", o->threads, "Requests handled at once (default 16)")
        ->check(CLI::Range(2, 256));
    serve_cmd->callback([o, &exit_code] { serve(*o, exit_code); });
}

}  // namespace impasse::cli
