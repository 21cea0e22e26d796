// impasse_bench_score: how fast the scorer is, beside the floor of a plain tokenization pass.
//
// Latency: each of N realistic responses is scored once (score_text, then feedback, as a drill
// does) and timed alone; p50 and p99 are reported. Throughput: a large generated batch is
// scored back to back (responses/s, MB/s) and tokenized back to back (the floor); the ratio is
// what scoring costs on top of reading the words. Texts are generated from a seeded mix of
// realistic therapist sentences, so every run measures the same bytes.
//
//   impasse_bench_score [--responses N] [--batch-mb M] [--json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "impasse/rubric_scorer.h"
#include "impasse/text.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* kSentences[] = {
    "I wonder if something just happened between us when I mentioned the homework.",
    "What was that like for you, just now?",
    "You're right, I think I pushed too hard there.",
    "It makes sense that you'd be frustrated with me.",
    "My sense is that you went quiet as I said that.",
    "I notice I'm feeling a bit stuck myself right now.",
    "Can we slow down and look at what is happening here?",
    "I only suggested it because it usually helps people.",
    "You should try to do the worksheet before next week.",
    "Don't worry, it's fine, you're doing really well.",
    "Anyway, let's get back to your thought record.",
    "This is probably about your father and growing up with him.",
    "You always do this when things get difficult.",
    "The reason we do homework is that research shows practice matters between sessions.",
    "I'm not saying you're wrong, but I'd like to understand more.",
    "Tell me more about what you felt when I said that.",
    "I might be wrong, but does that fit for you?",
    "It sounds like I missed something important to you.",
    "Maybe we could try something different today instead.",
    "I hear that you're angry with me, and I'd rather hear it than not.",
    "Okay.",
    "Hmm, I see what you mean, kind of.",
};

struct Options {
    size_t responses = 2000;
    double batch_mb = 8;
    bool json = false;
};

std::string make_response(std::mt19937& rng) {
    std::uniform_int_distribution<size_t> pick(0, sizeof kSentences / sizeof kSentences[0] - 1);
    std::uniform_int_distribution<int> len(1, 4);
    std::string s;
    int n = len(rng);
    for (int i = 0; i < n; ++i) {
        if (!s.empty()) s += ' ';
        s += kSentences[pick(rng)];
    }
    return s;
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--responses") && i + 1 < argc)
            o.responses = static_cast<size_t>(std::atol(argv[++i]));
        else if (!std::strcmp(argv[i], "--batch-mb") && i + 1 < argc)
            o.batch_mb = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--json"))
            o.json = true;
        else {
            std::fprintf(stderr,
                         "usage: impasse_bench_score [--responses N] [--batch-mb M] [--json]\n");
            return 2;
        }
    }
    std::string error;
    auto scorer = impasse::make_rubric_scorer(
        std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &error);
    if (!scorer) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    impasse::Node line;
    line.say = "That homework was pointless. You don't get what my week is like.";
    impasse::Moment m;
    m.rupture_type = "confrontation";
    m.stage = "marker";
    m.node = &line;

    std::mt19937 rng(42);
    // Latency of one response, as in a drill: score, then feedback.
    std::vector<std::string> texts;
    for (size_t i = 0; i < o.responses; ++i)
        texts.push_back(make_response(rng));
    for (size_t i = 0; i < 50 && i < texts.size(); ++i)  // warm caches
        scorer->score_text(texts[i], m);
    std::vector<double> score_ms, full_ms, floor_ms;
    double sink = 0;
    for (const auto& t : texts) {
        auto t0 = Clock::now();
        auto toks = impasse::text::tokenize(t);
        floor_ms.push_back(ms_since(t0));
        sink += static_cast<double>(toks.size());
        t0 = Clock::now();
        impasse::Score s = scorer->score_text(t, m);
        score_ms.push_back(ms_since(t0));
        impasse::Feedback fb = scorer->feedback(s, t, m, nullptr);
        full_ms.push_back(ms_since(t0));
        sink += s.overall + static_cast<double>(fb.summary.size());
    }

    // Throughput on a large batch.
    std::vector<std::string> batch;
    size_t bytes = 0;
    while (static_cast<double>(bytes) < o.batch_mb * 1024 * 1024) {
        batch.push_back(make_response(rng));
        bytes += batch.back().size();
    }
    auto t0 = Clock::now();
    for (const auto& t : batch)
        sink += static_cast<double>(impasse::text::tokenize(t).size());
    double floor_total = ms_since(t0);
    t0 = Clock::now();
    for (const auto& t : batch)
        sink += scorer->score_text(t, m).overall;
    double score_total = ms_since(t0);

    double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    double n = static_cast<double>(batch.size());
    double ratio = score_total / floor_total;
    if (o.json) {
        std::printf(
            "{\"responses\": %zu, \"latency_ms\": {\"score_p50\": %.4f, \"score_p99\": %.4f, "
            "\"score_feedback_p50\": %.4f, \"score_feedback_p99\": %.4f, \"tokenize_p50\": "
            "%.4f, \"tokenize_p99\": %.4f}, \"batch\": {\"responses\": %zu, \"mb\": %.2f, "
            "\"score_per_s\": %.0f, \"score_mb_per_s\": %.2f, \"tokenize_per_s\": %.0f, "
            "\"tokenize_mb_per_s\": %.2f, \"ratio\": %.2f}, \"sink\": %.0f}\n",
            o.responses, percentile(score_ms, 0.5), percentile(score_ms, 0.99),
            percentile(full_ms, 0.5), percentile(full_ms, 0.99), percentile(floor_ms, 0.5),
            percentile(floor_ms, 0.99), batch.size(), mb, n / (score_total / 1000),
            mb / (score_total / 1000), n / (floor_total / 1000), mb / (floor_total / 1000), ratio,
            sink);
        return 0;
    }
    std::printf("Latency, %zu responses (1-4 sentences, mean %.0f bytes), one at a time:\n",
                o.responses, static_cast<double>(bytes) / n);
    std::printf("  score_text             p50 %8.3f ms   p99 %8.3f ms\n", percentile(score_ms, 0.5),
                percentile(score_ms, 0.99));
    std::printf("  score_text + feedback  p50 %8.3f ms   p99 %8.3f ms\n", percentile(full_ms, 0.5),
                percentile(full_ms, 0.99));
    std::printf("  tokenize (floor)       p50 %8.3f ms   p99 %8.3f ms\n", percentile(floor_ms, 0.5),
                percentile(floor_ms, 0.99));
    std::printf("Batch, %zu responses, %.1f MB, one thread:\n", batch.size(), mb);
    std::printf("  score_text       %10.0f responses/s  %7.2f MB/s  (%.0f ms)\n",
                n / (score_total / 1000), mb / (score_total / 1000), score_total);
    std::printf("  tokenize (floor) %10.0f responses/s  %7.2f MB/s  (%.0f ms)\n",
                n / (floor_total / 1000), mb / (floor_total / 1000), floor_total);
    std::printf("  scoring costs %.1f x the floor (goal: at most 10 x)\n", ratio);
    if (sink < 0) std::printf("%f\n", sink);
    return 0;
}
