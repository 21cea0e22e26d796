// Loads and validates assets/rubric.yaml. Every problem becomes a diagnostic with a code from
// docs/diagnostics-rubric.md (IMP09xx); yaml-cpp's exceptions stop here.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "impasse/diagnostic_codes.h"
#include "impasse/rubric.h"
#include "impasse/vocabulary.h"
#include "yaml/safe_yaml.h"

namespace impasse {
namespace {

constexpr size_t kMaxRubricBytes = 2 * 1024 * 1024;

std::string did_you_mean(std::string_view got, const std::vector<std::string>& known) {
    std::string best = yaml::did_you_mean(got, known);
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::vector<std::string> ids_of(const std::vector<vocab::Term>& terms) {
    std::vector<std::string> out;
    for (const auto& t : terms)
        out.emplace_back(t.id);
    return out;
}

// The shared typed reader (yaml/safe_yaml.h) with the rubric's own codes; this keeps the
// rubric's call sites short (bool + out-parameter) without a second implementation.
class Reader {
  public:
    Reader(std::string file, Diagnostics* diags)
        : r_(std::move(file), *diags,
             yaml::ReaderCodes{codes::rubric_unknown_key, codes::rubric_missing, codes::rubric_type,
                               codes::rubric_range}) {}

    void report(const YAML::Node& at, const char* code, const std::string& msg,
                Severity sev = Severity::error) {
        if (sev == Severity::error)
            r_.error(at, code, msg);
        else
            r_.warning(at, code, msg);
    }
    bool map(const YAML::Node& n, const std::string& what) { return r_.mapping(n, what); }
    bool seq(const YAML::Node& n, const std::string& what) { return r_.sequence(n, what); }
    bool str(const YAML::Node& n, const std::string& what, std::string* out) {
        auto v = r_.string(n, what);
        if (v) *out = std::move(*v);
        return v.has_value();
    }
    bool num(const YAML::Node& n, const std::string& what, double lo, double hi, double* out) {
        auto v = r_.number(n, what, lo, hi);
        if (v) *out = *v;
        return v.has_value();
    }
    // Reports unknown keys of a mapping (duplicates are the safe YAML layer's, IMP0007).
    void keys(const YAML::Node& n, const std::vector<std::string>& known, const std::string& what) {
        r_.check_keys(n, known, what);
    }

  private:
    yaml::Reader r_;
};

std::vector<PatternElem::Alt> read_class(Reader& r, const YAML::Node& list,
                                         const std::string& name) {
    std::vector<PatternElem::Alt> alts;
    if (!r.seq(list, "class '" + name + "'")) return alts;
    static const std::map<std::string, std::vector<PatternElem::Alt>> none;
    for (const auto& w : list) {
        std::string s;
        if (!r.str(w, "a word of class '" + name + "'", &s)) continue;
        std::vector<PatternElem> elems;
        std::string err = compile_pattern(s, none, &elems);
        if (err.empty() && (elems.size() != 1 || elems[0].kind != PatternElem::Kind::word))
            err = "a class holds single words";
        if (!err.empty()) {
            r.report(w, codes::rubric_pattern,
                     "bad word '" + s + "' in class '" + name + "': " + err);
            continue;
        }
        alts.insert(alts.end(), elems[0].alts.begin(), elems[0].alts.end());
    }
    return alts;
}

bool read_signal(Reader& r, const Rubric& rb, const YAML::Node& n, double default_weight,
                 const std::string& owner, Signal* out) {
    Signal s;
    s.weight = default_weight;
    s.line = n.Mark().line + 1;
    s.when_hedged = -1;  // "use the rubric's default for this kind"
    std::string pattern;
    if (n.IsScalar()) {
        pattern = n.Scalar();
    } else if (n.IsMap()) {
        r.keys(n, {"pattern", "feature", "weight", "negated", "hedged", "mood", "min", "label"},
               "a signal of '" + owner + "'");
        bool has_p = static_cast<bool>(n["pattern"]), has_f = static_cast<bool>(n["feature"]);
        if (has_p == has_f) {
            r.report(n, codes::rubric_signal_shape,
                     "a signal of '" + owner + "' needs exactly one of 'pattern' or 'feature'");
            return false;
        }
        if (has_p && !r.str(n["pattern"], "'pattern'", &pattern)) return false;
        if (has_f) {
            std::string f;
            if (!r.str(n["feature"], "'feature'", &f)) return false;
            static const std::vector<std::string> features{"question", "open_question", "echo",
                                                           "long", "no_attention"};
            using F = Signal::Feature;
            if (f == "question")
                s.feature = F::question;
            else if (f == "open_question")
                s.feature = F::open_question;
            else if (f == "echo")
                s.feature = F::echo;
            else if (f == "long")
                s.feature = F::long_text;
            else if (f == "no_attention")
                s.feature = F::low_engagement;
            else {
                r.report(n["feature"], codes::rubric_feature,
                         "unknown feature '" + f + "'" + did_you_mean(f, features));
                return false;
            }
            s.source = "feature: " + f;
        }
        if (n["weight"] && !r.num(n["weight"], "'weight'", 0, 1, &s.weight)) return false;
        if (n["min"]) {
            double m = 0;
            if (!r.num(n["min"], "'min'", 0, 100000, &m)) return false;
            s.threshold = static_cast<int>(m);
        }
        if (n["hedged"] && !r.num(n["hedged"], "'hedged'", 0, 1, &s.when_hedged)) return false;
        if (n["negated"]) {
            std::string v;
            if (!r.str(n["negated"], "'negated'", &v)) return false;
            if (v != "skip" && v != "count") {
                r.report(n["negated"], codes::rubric_type,
                         "'negated' is 'skip' or 'count', not '" + v + "'");
                return false;
            }
            s.when_negated = v == "count";
        }
        if (n["mood"]) {
            std::string v;
            if (!r.str(n["mood"], "'mood'", &v)) return false;
            if (v == "question")
                s.mood = Signal::Mood::question;
            else if (v == "statement")
                s.mood = Signal::Mood::statement;
            else if (v != "any") {
                r.report(n["mood"], codes::rubric_type,
                         "'mood' is 'question', 'statement' or 'any', not '" + v + "'");
                return false;
            }
        }
        if (n["label"] && !r.str(n["label"], "'label'", &s.label)) return false;
    } else {
        r.report(n, codes::rubric_type,
                 "a signal of '" + owner + "' must be a pattern or a mapping");
        return false;
    }
    if (s.feature == Signal::Feature::none) {
        s.source = pattern;
        std::string err = compile_pattern(pattern, rb.classes, &s.elems);
        if (!err.empty()) {
            r.report(n.IsMap() ? n["pattern"] : n, codes::rubric_pattern,
                     "bad pattern \"" + pattern + "\" in '" + owner + "': " + err);
            return false;
        }
    }
    *out = std::move(s);
    return true;
}

template <size_t N>
void read_entries(Reader& r, Rubric& rb, const YAML::Node& section, const std::string& name,
                  const std::vector<vocab::Term>& terms, std::array<RubricEntry, N>& out,
                  bool needs_feedback) {
    if (!section) {
        r.report(YAML::Node(), codes::rubric_missing, "the rubric has no '" + name + "' section");
        return;
    }
    if (!r.map(section, "'" + name + "'")) return;
    std::vector<std::string> known = ids_of(terms);
    std::vector<bool> seen(N, false);
    for (const auto& kv : section) {
        std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
        int idx = vocab::index_of(terms, id);
        if (idx < 0) {
            r.report(kv.first, codes::rubric_unknown_id,
                     "'" + id + "' is not a " + name + " id" + did_you_mean(id, known));
            continue;
        }
        seen[static_cast<size_t>(idx)] = true;
        RubricEntry& e = out[static_cast<size_t>(idx)];
        e.id = id;
        const YAML::Node& v = kv.second;
        if (!r.map(v, "'" + id + "'")) continue;
        r.keys(v, {"name", "description", "well", "missed", "weight", "signals", "implied_by"},
               "'" + id + "'");
        if (const auto imp = v["implied_by"]) {
            if (name != "principles") {
                r.report(imp, codes::rubric_unknown_key, "'implied_by' is for principles only");
            } else if (r.map(imp, "'implied_by' of '" + id + "'")) {
                for (const auto& kv2 : imp) {
                    std::string other = kv2.first.IsScalar() ? kv2.first.Scalar() : "";
                    int j = vocab::index_of(vocab::principles(), other);
                    if (j < 0 || j == idx) {
                        r.report(kv2.first, codes::rubric_unknown_id,
                                 "'" + other + "' is not another principle" +
                                     did_you_mean(other, known));
                        continue;
                    }
                    double f = 0;
                    if (r.num(kv2.second, "'implied_by." + other + "'", 0, 1, &f))
                        e.implied_by.emplace_back(static_cast<size_t>(j), f);
                }
            }
        }
        for (const char* req : {"name", "description"}) {
            if (!v[req]) r.report(v, codes::rubric_missing, "'" + id + "' needs a '" + req + "'");
        }
        if (v["name"]) r.str(v["name"], "'name'", &e.name);
        if (v["description"]) r.str(v["description"], "'description'", &e.description);
        if (v["well"]) r.str(v["well"], "'well'", &e.well);
        if (v["missed"]) r.str(v["missed"], "'missed'", &e.missed);
        if (needs_feedback && !v["missed"])
            r.report(v, codes::rubric_missing, "'" + id + "' needs a 'missed' line for feedback");
        double w = 0.5;
        if (v["weight"]) r.num(v["weight"], "'weight'", 0, 1, &w);
        if (!v["signals"]) {
            r.report(v, codes::rubric_no_signals,
                     "'" + id + "' has no signals: it can never be seen in text",
                     Severity::warning);
            continue;
        }
        if (!r.seq(v["signals"], "'signals' of '" + id + "'")) continue;
        for (const auto& sn : v["signals"]) {
            Signal s;
            if (read_signal(r, rb, sn, w, id, &s)) e.signals.push_back(std::move(s));
        }
    }
    for (size_t i = 0; i < N; ++i) {
        if (!seen[i]) {
            out[i].id = std::string(terms[i].id);
            r.report(section, codes::rubric_missing,
                     "'" + name + "' has no entry for '" + std::string(terms[i].id) + "'");
        }
    }
}

void read_weights(Reader& r, const YAML::Node& n, const std::string& where, MomentWeights* out) {
    if (!r.map(n, where)) return;
    r.keys(n, {"principles", "counter_markers", "strategies"}, where);
    struct Part {
        const char* key;
        const std::vector<vocab::Term>* terms;
        std::map<std::string, double>* dest;
        double lo, hi;
    };
    Part parts[] = {{"principles", &vocab::principles(), &out->principles, 0, 10},
                    {"counter_markers", &vocab::counter_markers(), &out->counter_markers, 0, 10},
                    {"strategies", &vocab::resolution_strategies(), &out->strategies, -1, 1}};
    for (const auto& p : parts) {
        const YAML::Node m = n[p.key];
        if (!m) continue;
        if (!r.map(m, where + "." + p.key)) continue;
        std::vector<std::string> known = ids_of(*p.terms);
        for (const auto& kv : m) {
            std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
            if (!vocab::contains(*p.terms, id)) {
                r.report(kv.first, codes::rubric_unknown_id,
                         "'" + id + "' is not one of the " + p.key + did_you_mean(id, known));
                continue;
            }
            double v = 0;
            if (r.num(kv.second, where + "." + p.key + "." + id, p.lo, p.hi, &v)) (*p.dest)[id] = v;
        }
    }
}

void read_moment_group(Reader& r, const YAML::Node& n, const std::string& where,
                       const std::vector<vocab::Term>& terms,
                       std::map<std::string, MomentWeights>* out) {
    if (!n || !r.map(n, where)) return;
    std::vector<std::string> known = ids_of(terms);
    for (const auto& kv : n) {
        std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
        if (!vocab::contains(terms, id)) {
            r.report(
                kv.first, codes::rubric_unknown_id,
                "'" + id + "' is not a known id under '" + where + "'" + did_you_mean(id, known));
            continue;
        }
        read_weights(r, kv.second, where + "." + id, &(*out)[id]);
    }
}

void read_string_list(Reader& r, const YAML::Node& n, const std::string& what,
                      std::vector<std::string>* out) {
    if (!r.seq(n, what)) return;
    out->clear();
    for (const auto& x : n) {
        std::string s;
        if (r.str(x, "an entry of " + what, &s)) {
            for (auto& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out->push_back(s);
        }
    }
}

void read_rubric(Reader& r, const YAML::Node& root, Rubric& rb) {
    if (!r.map(root, "the rubric")) return;
    r.keys(root,
           {"format", "language", "hedging", "stopwords", "classes", "principles",
            "counter_markers", "strategies", "moments", "overall"},
           "the rubric");
    std::string format;
    if (!root["format"] || !r.str(root["format"], "'format'", &format) ||
        format != "impasse-rubric/1")
        r.report(root["format"] ? root["format"] : root, codes::rubric_format,
                 "the rubric must start with 'format: impasse-rubric/1'");
    if (const auto lang = root["language"]; lang && r.map(lang, "'language'")) {
        r.keys(lang, {"negators", "clause_breaks"}, "'language'");
        if (lang["negators"])
            read_string_list(r, lang["negators"], "'negators'", &rb.language.negators);
        if (lang["clause_breaks"])
            read_string_list(r, lang["clause_breaks"], "'clause_breaks'",
                             &rb.language.clause_breaks);
    }
    if (const auto st = root["stopwords"]) read_string_list(r, st, "'stopwords'", &rb.stopwords);
    if (const auto cl = root["classes"]; cl && r.map(cl, "'classes'")) {
        for (const auto& kv : cl) {
            std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "";
            rb.classes[name] = read_class(r, kv.second, name);
        }
    }
    if (const auto h = root["hedging"]; h && r.map(h, "'hedging'")) {
        r.keys(h, {"factor", "phrases"}, "'hedging'");
        if (h["factor"]) r.num(h["factor"], "'hedging.factor'", 0, 1, &rb.hedge_factor);
        if (h["phrases"] && r.seq(h["phrases"], "'hedging.phrases'")) {
            for (const auto& p : h["phrases"]) {
                Signal s;
                if (read_signal(r, rb, p, 1.0, "hedging", &s)) rb.hedges.push_back(std::move(s));
            }
        }
    }
    read_entries(r, rb, root["principles"], "principles", vocab::principles(), rb.principles, true);
    read_entries(r, rb, root["counter_markers"], "counter_markers", vocab::counter_markers(),
                 rb.counter_markers, true);
    read_entries(r, rb, root["strategies"], "strategies", vocab::resolution_strategies(),
                 rb.strategies, false);
    if (const auto m = root["moments"]; m && r.map(m, "'moments'")) {
        r.keys(m, {"all", "rupture_types", "markers", "stages"}, "'moments'");
        if (m["all"]) read_weights(r, m["all"], "moments.all", &rb.base);
        read_moment_group(r, m["rupture_types"], "moments.rupture_types", vocab::rupture_types(),
                          &rb.rupture_types);
        read_moment_group(r, m["markers"], "moments.markers", vocab::markers(), &rb.markers);
        read_moment_group(r, m["stages"], "moments.stages", vocab::stages(), &rb.stages);
    }
    if (const auto o = root["overall"]; o && r.map(o, "'overall'")) {
        r.keys(o,
               {"base", "principle_points", "principle_target", "strategy_points", "penalty_points",
                "call_threshold"},
               "'overall'");
        auto& p = rb.overall;
        if (o["base"]) r.num(o["base"], "overall.base", 0, 100, &p.base);
        if (o["principle_points"])
            r.num(o["principle_points"], "overall.principle_points", 0, 100, &p.principle_points);
        if (o["principle_target"])
            r.num(o["principle_target"], "overall.principle_target", 0.1, 20, &p.principle_target);
        if (o["strategy_points"])
            r.num(o["strategy_points"], "overall.strategy_points", 0, 100, &p.strategy_points);
        if (o["penalty_points"])
            r.num(o["penalty_points"], "overall.penalty_points", 0, 100, &p.penalty_points);
        if (o["call_threshold"])
            r.num(o["call_threshold"], "overall.call_threshold", 0, 10, &p.call_threshold);
    }
}

}  // namespace

RubricLoad load_rubric_text(std::string_view text, const std::string& name) {
    RubricLoad out;
    yaml::Limits limits;
    limits.max_bytes = kMaxRubricBytes;
    yaml::Document doc = yaml::load_text(text, name, limits);
    out.diagnostics = std::move(doc.diagnostics);
    if (!doc.ok()) return out;
    Reader r(name, &out.diagnostics);
    auto rb = std::make_shared<Rubric>();
    rb->source_file = name;
    try {
        read_rubric(r, doc.root, *rb);
    } catch (const std::exception& e) {  // yaml-cpp conversions stop here
        r.report(YAML::Node(), codes::rubric_type,
                 std::string("cannot read the rubric: ") + e.what());
    }
    if (!has_errors(out.diagnostics)) out.rubric = std::move(rb);
    return out;
}

RubricLoad load_rubric_file(const std::string& path) {
    yaml::Limits limits;
    limits.max_bytes = kMaxRubricBytes;
    RubricLoad out;
    std::optional<std::string> text = yaml::read_text(path, limits, out.diagnostics);
    if (!text) return out;
    return load_rubric_text(*text, path);
}

}  // namespace impasse
