#include "impasse/session.h"

#include <algorithm>
#include <cmath>

#include "impasse/routing.h"
#include "impasse/rubric_scorer.h"
#include "impasse/store.h"
#include "impasse/utf8.h"
#include "impasse/vocabulary.h"
#include "session/expert_score.h"

namespace impasse {

namespace {

constexpr double kVarLimit = 1e15;  // a numeric variable stays within +-1e15

uint64_t mix(uint64_t x) {  // splitmix64 finaliser
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t hash_str(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

double clamp_target(const std::string& target, double v) {
    if (target == "affect.valence") return std::clamp(v, -1.0, 1.0);
    if (target.rfind("alliance.", 0) == 0 || target == "affect.arousal")
        return std::clamp(v, 0.0, 1.0);
    return v;
}

double* numeric_slot(SessionState& s, const std::string& target) {
    if (target == "alliance.bond") return &s.alliance.bond;
    if (target == "alliance.task") return &s.alliance.task;
    if (target == "alliance.goal") return &s.alliance.goal;
    if (target == "affect.valence") return &s.affect.valence;
    if (target == "affect.arousal") return &s.affect.arousal;
    return nullptr;
}

double principle(const Score& s, const char* id) {
    int i = vocab::index_of(vocab::principles(), id);
    return i < 0 ? 0.0 : s.principles[static_cast<size_t>(i)];
}

double max_counter(const Score& s) {
    return *std::max_element(s.counter_markers.begin(), s.counter_markers.end());
}

// How much an answer attends to a rupture: the repair principles, at their strongest.
double attention(const Score& s) {
    return std::max({principle(s, "here_and_now"), principle(s, "explore_patient_experience"),
                     principle(s, "non_defensive"), principle(s, "accept_responsibility")});
}

// How close a typed answer must be to an option for the option's authored feedback to be
// shown as feedback on the answer.
constexpr double kAuthoredFeedbackSimilarity = 0.55;

int stage_rank(const std::string& id) {
    return vocab::index_of(vocab::stages(), id);
}

}  // namespace

Session::Session(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer, Clock clock)
    : scenario_(std::move(scenario)), seed_(seed), scorer_(scorer), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return now_iso8601(); };
    restart();
}

void Session::restart() {
    turns_.clear();
    if (origin_) {
        state_ = origin_->state;
        enter(origin_->node);
        return;
    }
    state_ = SessionState{};
    state_.alliance = scenario_->initial.alliance;
    state_.affect = scenario_->initial.affect;
    state_.vars = scenario_->initial.vars;
    enter(scenario_->start);
}

Session::Result Session::start_at(std::string_view node_id, const SessionState& state) {
    const Node* n = scenario_->find_node(node_id);
    if (!n) return Result::fail("there is no node '" + std::string(node_id) + "'");
    for (const auto& [name, value] : state.vars)
        if (!scenario_->initial.vars.count(name))
            return Result::fail("the case declares no variable '" + name + "'");
    auto clamp = [](double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; };
    Origin o{std::string(node_id), state};
    o.state.alliance.bond = clamp(state.alliance.bond, 0, 1);
    o.state.alliance.task = clamp(state.alliance.task, 0, 1);
    o.state.alliance.goal = clamp(state.alliance.goal, 0, 1);
    o.state.affect.valence = clamp(state.affect.valence, -1, 1);
    o.state.affect.arousal = clamp(state.affect.arousal, 0, 1);
    o.state.turn = 0;
    o.state.visits.clear();
    for (const auto& [name, value] : scenario_->initial.vars)
        if (!o.state.vars.count(name)) o.state.vars[name] = value;
    origin_ = std::move(o);
    restart();
    return {};
}

void Session::enter(const std::string& node_id) {
    node_ = scenario_->find_node(node_id);
    if (!node_) node_ = &scenario_->start_node();  // cannot happen for a validated scenario
    ++state_.visits[node_->id];
    choose_line();
}

std::optional<Value> Session::lookup(std::string_view path) const {
    if (path == "alliance.bond") return Value::of(state_.alliance.bond);
    if (path == "alliance.task") return Value::of(state_.alliance.task);
    if (path == "alliance.goal") return Value::of(state_.alliance.goal);
    if (path == "alliance.mean") return Value::of(state_.alliance.mean());
    if (path == "affect.valence") return Value::of(state_.affect.valence);
    if (path == "affect.arousal") return Value::of(state_.affect.arousal);
    if (path == "turn") return Value::of(state_.turn);
    if (path.rfind("vars.", 0) == 0) {
        auto it = state_.vars.find(std::string(path.substr(5)));
        if (it != state_.vars.end()) return it->second;
        return std::nullopt;
    }
    if (path.rfind("visits.", 0) == 0) {
        auto it = state_.visits.find(std::string(path.substr(7)));
        return Value::of(it == state_.visits.end() ? 0 : it->second);
    }
    return std::nullopt;
}

bool Session::holds(const Condition& c) const {
    if (!c.expr) return false;
    return c.expr->evaluate([this](std::string_view p) { return lookup(p); }).truthy();
}

void Session::choose_line() {
    const Node& n = *node_;
    line_ = n.say;
    line_id_ = n.id;
    cue_ = n.cue;
    for (const auto& v : n.variants)
        if (v.when && holds(*v.when)) {
            line_ = v.say;
            line_id_ = v.id;
            if (!v.cue.empty()) cue_ = v.cue;
            return;
        }
    double total = 1.0;
    for (const auto& v : n.variants)
        if (!v.when) total += v.weight;
    if (total <= 1.0) return;
    uint64_t r =
        mix(seed_ ^ mix(hash_str(n.id) + static_cast<uint64_t>(state_.turn) * 0x100000001B3ull));
    double x = static_cast<double>(r >> 11) / static_cast<double>(1ull << 53) * total;
    if (x < 1.0) return;
    x -= 1.0;
    for (const auto& v : n.variants) {
        if (v.when) continue;
        if (x < v.weight) {
            line_ = v.say;
            line_id_ = v.id;
            if (!v.cue.empty()) cue_ = v.cue;
            return;
        }
        x -= v.weight;
    }
}

std::vector<const Response*> Session::available() const {
    std::vector<const Response*> out;
    for (const auto& r : node_->responses)
        if (!r.condition || holds(*r.condition)) out.push_back(&r);
    if (order_ == OptionOrder::shuffled && out.size() > 1) {
        // Fisher-Yates over a splitmix64 stream: the same on every platform and library.
        uint64_t x = mix(seed_ ^ (mix(hash_str(node_->id) ^ 0x6f7264657273ull) +
                                  static_cast<uint64_t>(state_.turn)));
        for (size_t i = out.size() - 1; i > 0; --i) {
            x = mix(x);
            std::swap(out[i], out[static_cast<size_t>(x % (i + 1))]);
        }
    }
    return out;
}

bool Session::stuck() const {
    return !at_end() && !node_->reactions && node_->free_text.fallback.empty() &&
           available().empty();
}

Moment Session::moment() const {
    Moment m;
    m.scenario = scenario_.get();
    m.node = node_;
    m.rupture_type = scenario_->rupture_type;
    if (!node_->markers.empty()) {
        std::string_view t = vocab::marker_rupture_type(node_->markers.front().id);
        if (!t.empty()) m.rupture_type = std::string(t);
    }
    m.markers = node_->markers;
    m.stage = node_->stage;
    m.patient_line = line_;
    for (const auto& t : turns_)
        m.history.push_back({t.said, t.score, t.stage});
    return m;
}

Session::Result Session::choose(std::string_view response_id) {
    if (at_end()) return Result::fail("the drill has ended");
    const Response* r = node_->find_response(response_id);
    if (!r) return Result::fail("there is no response '" + std::string(response_id) + "' here");
    auto avail = available();
    if (std::find(avail.begin(), avail.end(), r) == avail.end())
        return Result::fail("response '" + std::string(response_id) + "' is not available now");
    TurnInput in;
    in.kind = TurnInput::Kind::option;
    in.response = r->id;
    return act(in, r, -1, false);
}

Session::Result Session::check_text(std::string_view text) const {
    if (at_end()) return Result::fail("the drill has ended");
    // Typed text goes into JSON (transcripts, the record, --json events): it must be UTF-8.
    if (!utf8::valid(text))
        return Result::fail("the answer is not valid UTF-8 text; check the terminal's encoding");
    // Spaces only, visible or not (no-break, zero-width, a BOM): nothing was said.
    if (utf8::blank(text)) return Result::fail("say something first");
    return {};
}

TurnInput Session::text_input(std::string_view text) {
    TurnInput in;
    in.kind = TurnInput::Kind::text;
    in.text = std::string(text);
    return in;
}

Session::Result Session::say(std::string_view text) {
    if (Result r = check_text(text); !r.ok) return r;
    TurnInput in = text_input(text);
    Moment m = moment();
    Score typed = scorer_ ? scorer_->score_text(text, m) : Score{};
    Routing route = route_answer(scorer_, typed, text, *node_, available(), m);
    if (route.nowhere()) return Result::fail("this moment has nowhere for a typed answer to go");
    return act(in, route.fallback ? nullptr : route.response, route.similarity, route.fallback,
               &typed, route.risk, route.reaction);
}

Session::Result Session::say_routed(std::string_view text, std::string_view routed_to,
                                    bool fallback, double similarity) {
    if (Result r = check_text(text); !r.ok) return r;
    TurnInput in = text_input(text);
    Moment m = moment();
    Score typed = scorer_ ? scorer_->score_text(text, m) : Score{};
    const Response* r = nullptr;
    if (node_->responses.empty() && node_->reactions) {
        // A moment's reaction: routed_to names it (softens, deepens, risk).
        if (fallback) return act(in, nullptr, similarity, true, &typed, false);
        if (reaction_target(*node_->reactions, routed_to).empty())
            return Result::fail("the recorded reaction '" + std::string(routed_to) +
                                "' is not one of node '" + node_->id + "''s reactions");
        return act(in, nullptr, similarity, false, &typed, routed_to == "risk", routed_to);
    }
    if (!fallback) {
        r = node_->find_response(routed_to);
        auto avail = available();
        if (!r || std::find(avail.begin(), avail.end(), r) == avail.end())
            return Result::fail("the recorded route '" + std::string(routed_to) +
                                "' is not available at node '" + node_->id + "'");
    } else if (node_->responses.empty() && node_->free_text.fallback.empty()) {
        return Result::fail("this moment has nowhere for a typed answer to go");
    }
    return act(in, r, similarity, fallback, &typed, typed.risk_check >= 0.5);
}

void Session::stay_neutral() {
    const NeutralLine* n = node_->free_text.neutral ? &*node_->free_text.neutral : nullptr;
    line_id_ = node_->id + "#neutral";
    if (n) {
        line_ = n->say;
        cue_ = n->cue;
        return;
    }
    // A generic line for cases written before neutral lines: it presumes nothing.
    std::string rt = moment().rupture_type;
    line_ = rt == "confrontation" ? "What do you mean?" : "(A pause.) I'm not sure what you mean.";
    cue_.clear();
}

Session::Result Session::act(const TurnInput& input, const Response* chosen, double similarity,
                             bool fallback, const Score* typed, bool risk,
                             std::string_view reaction) {
    TurnRecord t;
    t.index = static_cast<int>(turns_.size());
    t.node = node_->id;
    t.line_id = line_id_;
    t.patient = line_;
    t.cue = cue_;
    t.markers = node_->markers;
    t.stage = node_->stage;
    t.input = input;
    t.said = input.kind == TurnInput::Kind::text ? input.text : chosen->text;
    t.routed_to = chosen ? chosen->id : std::string(reaction);
    for (const Response* r : available())
        t.shown.push_back(r->id);
    t.order = order_;
    t.similarity = similarity;
    t.fallback = fallback;
    t.risk = risk;
    t.before = state_;
    t.timestamp = clock_();
    Moment m = moment();
    if (input.kind == TurnInput::Kind::option) {
        t.score = scorer_ ? scorer_->score_option(*chosen, m) : score_from_ratings(*chosen);
    } else {
        t.score = typed ? *typed : scorer_ ? scorer_->score_text(input.text, m) : Score{};
    }
    if (scorer_) {
        t.feedback = scorer_->feedback(t.score, t.said, m,
                                       input.kind == TurnInput::Kind::option ? chosen : nullptr);
    } else if (chosen && input.kind == TurnInput::Kind::option) {
        t.feedback.authored = chosen->feedback;
    }
    // The author's feedback on the option a typed answer was routed to is shown only when the
    // answer made that move clearly; otherwise the feedback speaks to what was said.
    if (input.kind == TurnInput::Kind::text && chosen && t.feedback.authored.empty() &&
        similarity >= kAuthoredFeedbackSimilarity)
        t.feedback.authored =
            "Your answer made the move of: \u201c" + chosen->text + "\u201d. " + chosen->feedback;
    judge_sequence(t);

    // Effects: the chosen response's, scaled for typed text by how close it was.
    if (chosen) {
        for (const auto& e : chosen->effects) {
            StateChange c;
            c.target = e.target;
            c.cause = chosen->id;
            if (double* slot = numeric_slot(state_, e.target)) {
                c.before = *slot;
                *slot = clamp_target(
                    e.target, e.op == Effect::Op::set ? e.value.number : *slot + e.value.number);
                c.after = *slot;
            } else if (e.target.rfind("vars.", 0) == 0) {
                Value& v = state_.vars[e.target.substr(5)];
                c.before = v.is_bool() ? (v.boolean ? 1 : 0) : v.number;
                if (e.value.is_bool())
                    v = e.value;
                else
                    // Kept finite: an endless loop of `+1e308` would reach infinity, which JSON
                    // cannot hold (it was written as null, and replay saw a divergence).
                    v = Value::of(std::clamp(
                        e.op == Effect::Op::set ? e.value.number : v.number + e.value.number,
                        -kVarLimit, kVarLimit));
                c.after = v.is_bool() ? (v.boolean ? 1 : 0) : v.number;
            } else {
                continue;
            }
            if (c.before != c.after) t.changes.push_back(c);
        }
    }
    ++state_.turn;
    bool stay = fallback && (!node_->responses.empty() || node_->reactions);
    std::string next = stay                ? node_->id
                       : !reaction.empty() ? reaction_target(*node_->reactions, reaction)
                       : fallback          ? node_->free_text.fallback
                                           : chosen->next;
    t.next = next;
    turns_.push_back(std::move(t));
    if (stay)
        stay_neutral();
    else
        enter(next);
    turns_.back().after = state_;
    return {};
}

void Session::judge_sequence(TurnRecord& t) const {
    if (turns_.empty()) return;
    const TurnRecord& prev = turns_.back();
    // evaluate_by_response: the patient reacted to the previous answer (a new marker, or the
    // alliance fell); does this answer turn toward that reaction?
    bool reacted =
        !t.markers.empty() || prev.after.alliance.mean() < prev.before.alliance.mean() - 1e-9;
    if (reacted)
        t.evaluate_by_response =
            std::clamp(attention(t.score) - 0.5 * max_counter(t.score), 0.0, 1.0);
    // situation_changing: when the state changed, a repeat of the same move is not revisiting.
    bool changed = std::fabs(prev.after.alliance.mean() - prev.before.alliance.mean()) > 1e-9 ||
                   prev.markers.size() != t.markers.size() || prev.stage != t.stage;
    if (changed) {
        int a = RubricScorer::likely_strategy(prev.score),
            b = RubricScorer::likely_strategy(t.score);
        bool same_move = (a >= 0 && a == b) ||
                         (!prev.routed_to.empty() && prev.routed_to == t.routed_to) ||
                         prev.said == t.said;
        t.situation_changing = same_move ? 0.0 : 1.0;
    }
}

Session::Result Session::rewind(int n) {
    if (n <= 0 || n > static_cast<int>(turns_.size()))
        return Result::fail("can rewind 1 to " + std::to_string(turns_.size()) + " turns");
    std::vector<TurnInput> keep = inputs();
    keep.resize(keep.size() - static_cast<size_t>(n));
    std::vector<std::string> stamps;
    for (size_t i = 0; i < keep.size(); ++i)
        stamps.push_back(turns_[i].timestamp);
    restart();
    for (size_t i = 0; i < keep.size(); ++i) {
        Result r = replay_input(keep[i]);
        if (!r.ok)
            return Result::fail("rewind could not replay turn " + std::to_string(i + 1) + ": " +
                                r.error);
        turns_.back().timestamp = stamps[i];
    }
    return {};
}

std::vector<TurnInput> Session::inputs() const {
    std::vector<TurnInput> out;
    for (const auto& t : turns_) {
        TurnInput in = t.input;
        if (in.kind == TurnInput::Kind::text) {
            in.route.recorded = true;
            in.route.routed_to = t.routed_to;
            in.route.fallback = t.fallback;
            in.route.similarity = t.similarity;
        }
        out.push_back(std::move(in));
    }
    return out;
}

Session::Result Session::replay_input(const TurnInput& in) {
    if (in.kind == TurnInput::Kind::option) return choose(in.response);
    if (in.route.recorded)
        return say_routed(in.text, in.route.routed_to, in.route.fallback, in.route.similarity);
    return say(in.text);
}

std::vector<std::string> Session::stage_path() const {
    std::vector<std::string> out;
    for (const auto& t : turns_)
        out.push_back(t.stage);
    out.push_back(node_->stage);
    return out;
}

std::vector<RuptureEvent> Session::ruptures() const {
    std::vector<RuptureEvent> out;
    for (const auto& t : turns_) {
        if (t.markers.empty()) continue;
        RuptureEvent e;
        e.turn = t.index;
        e.node = t.node;
        e.type = std::string(vocab::marker_rupture_type(t.markers.front().id));
        for (const auto& m : t.markers) {
            e.markers.push_back(m.id);
            e.salience = std::max(e.salience, m.salience);
        }
        e.attended = attention(t.score) >= 0.5 && max_counter(t.score) < 0.5;
        e.deepened = max_counter(t.score) >= 0.5;
        // What came after: the furthest stage reached before the next marker, or the end.
        int furthest = -1;
        for (size_t k = static_cast<size_t>(t.index) + 1; k <= turns_.size(); ++k) {
            const std::string& stage = k < turns_.size() ? turns_[k].stage : node_->stage;
            furthest = std::max(furthest, stage_rank(stage));
            if (k < turns_.size() && !turns_[k].markers.empty() &&
                stage_rank(turns_[k].stage) <= stage_rank("marker"))
                break;
        }
        bool bad_end =
            at_end() && ending() &&
            (ending()->kind == EndingKind::impasse || ending()->kind == EndingKind::dropout) &&
            furthest < stage_rank("exploration");
        if (furthest >= stage_rank("exploration") && !bad_end)
            e.outcome = "resolved";
        else if (e.deepened)
            e.outcome = "deepened";
        else if (e.attended || furthest >= stage_rank("disembedding"))
            e.outcome = "partly resolved";
        else
            e.outcome = "unaddressed";
        out.push_back(e);
    }
    return out;
}

}  // namespace impasse
