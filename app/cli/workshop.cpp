// `impasse workshop serve SCENARIO [--bind ADDR] [--port N] [--qr]`: a workshop's audience
// vote, headless. Serves the voting page and the JSON API (audience_server.h) for one demo of
// the case, prints where phones connect (and with --qr that address as a QR code), the room
// code and the presenter's token, and runs until SIGINT or SIGTERM.
// `impasse workshop qr TEXT [--format text|svg|modules]`: any address as a QR code.
#include <CLI/CLI.hpp>

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
#include "cli/qr.h"
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
    int threads = 2;
    bool qr = false;
};

struct QrOptions {
    std::string text;
    std::string format = "text";
    int module_px = 8;
};

void print_qr(const QrOptions& o, int& exit_code) {
    QrMatrix m;
    std::string error;
    if (!qr_encode(o.text, &m, &error)) {
        std::fprintf(stderr, "impasse: %s\n", error.c_str());
        exit_code = 2;
        return;
    }
    std::string out = o.format == "svg"       ? qr_svg(m, o.module_px)
                      : o.format == "modules" ? qr_modules(m)
                                              : qr_text(m);
    std::fwrite(out.data(), 1, out.size(), stdout);
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
    std::vector<std::string> urls = audience_urls(o.bind, port, room->code());
    for (const std::string& u : urls)
        std::printf("url: %s\n", u.c_str());
    if (o.qr) {
        QrMatrix m;
        if (qr_encode(urls.front(), &m, &error))
            std::printf("%s", qr_text(m).c_str());
        else
            std::fprintf(stderr, "impasse: %s\n", error.c_str());
    }
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
    auto* cmd = app.add_subcommand(
        "workshop", "A workshop's audience vote without the window (serve), and its QR code (qr)");
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
    serve_cmd
        ->add_option("--threads", o->threads,
                     "Event loops serving requests (default 2; each serves many connections)")
        ->check(CLI::Range(1, 64));
    serve_cmd->add_flag("--qr", o->qr, "Also print the first address as a QR code");
    serve_cmd->callback([o, &exit_code] { serve(*o, exit_code); });

    auto q = std::make_shared<QrOptions>();
    auto* qr_cmd = cmd->add_subcommand(
        "qr", "Print TEXT (the audience address) as a QR code, e.g. as SVG for a slide");
    qr_cmd->add_option("text", q->text, "What the code holds, e.g. http://192.168.1.20:8765/")
        ->required();
    qr_cmd
        ->add_option("--format", q->format,
                     "text (the terminal), svg (a slide) or modules (rows of 0 and 1)")
        ->check(CLI::IsMember({"text", "svg", "modules"}));
    qr_cmd->add_option("--module", q->module_px, "SVG units per module (default 8)")
        ->check(CLI::Range(1, 64));
    qr_cmd->callback([q, &exit_code] { print_qr(*q, exit_code); });
}

}  // namespace impasse::cli
