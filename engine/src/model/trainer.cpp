// LIBLINEAR training of the response model. See model_trainer.h.
#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "impasse/model_trainer.h"

namespace impasse {
namespace {

void quiet(const char*) {}

std::string group_of(const std::string& label) {
    size_t colon = label.find(':');
    if (colon != std::string::npos) return label.substr(0, colon);
    if (label.rfind("overall", 0) == 0) return "overall";
    return label;
}

// Sparse rows in LIBLINEAR's form (1-based indices, a bias node, -1 terminator).
struct Matrix {
    std::vector<std::vector<feature_node>> rows;
    int n = 0;  // feature count including the bias column
};

struct Fit {
    std::vector<double> w;  // n weights (bias last), for the positive class
    double constant = 0;    // used instead when one class only
    bool one_class = false;
};

Fit fit(const Matrix& m, const std::vector<size_t>& use, const std::vector<double>& y, double c,
        double eps) {
    Fit f;
    size_t pos = 0;
    for (size_t i : use)
        pos += y[i] > 0 ? 1 : 0;
    if (pos == 0 || pos == use.size()) {
        f.one_class = true;
        double prior = (static_cast<double>(pos) + 0.5) / (static_cast<double>(use.size()) + 1.0);
        f.constant = std::log(prior / (1 - prior));
        return f;
    }
    std::vector<feature_node*> x;
    std::vector<double> yy;
    for (size_t i : use) {
        x.push_back(const_cast<feature_node*>(m.rows[i].data()));
        yy.push_back(y[i]);
    }
    problem p{};
    p.l = static_cast<int>(use.size());
    p.n = m.n;
    p.y = yy.data();
    p.x = x.data();
    p.bias = 1.0;
    parameter par{};
    par.solver_type = L2R_LR;
    par.eps = eps;
    par.C = c;
    model* mod = train(&p, &par);
    int labels[2];
    get_labels(mod, labels);
    double sign = labels[0] == 1 ? 1.0 : -1.0;
    f.w.resize(static_cast<size_t>(m.n));
    for (int j = 0; j < m.n; ++j)
        f.w[static_cast<size_t>(j)] = sign * mod->w[j];
    free_and_destroy_model(&mod);
    return f;
}

double decision(const Fit& f, const std::vector<feature_node>& row) {
    if (f.one_class) return f.constant;
    double z = 0;
    for (const auto& node : row) {
        if (node.index < 0) break;
        z += f.w[static_cast<size_t>(node.index - 1)] * node.value;
    }
    return z;
}

}  // namespace

bool train_response_model(const std::vector<std::string>& labels,
                          const std::vector<TrainingExample>& examples,
                          const TrainSettings& settings, TrainResult* out, std::string* error) {
    if (examples.empty() || labels.empty()) {
        if (error) *error = "no examples or no labels to train on";
        return false;
    }
    set_print_string_function(quiet);

    // The examples as trained: each with its moment and, with dropout, once more without.
    struct Item {
        std::vector<FeatureHit> hits;
        std::vector<std::string> names;
        size_t source;
    };
    std::vector<Item> items;
    for (size_t i = 0; i < examples.size(); ++i) {
        const auto& ex = examples[i];
        Item it;
        it.source = i;
        it.hits = extract_features(ex.text, ex.context, &it.names);
        items.push_back(std::move(it));
        bool has_ctx = !ex.context.rupture_type.empty() || !ex.context.stage.empty() ||
                       !ex.context.marker.empty() || !ex.context.patient_line.empty();
        if (settings.context_dropout && has_ctx) {
            Item bare;
            bare.source = i;
            bare.hits = extract_features(ex.text, ModelContext{}, &bare.names);
            items.push_back(std::move(bare));
        }
    }

    // Dictionary: features in at least min_df distinct examples, in order of first sight.
    std::unordered_map<uint64_t, int> df;
    std::unordered_map<uint64_t, std::string> name_of;
    std::vector<uint64_t> first_seen;
    for (size_t k = 0; k < items.size(); ++k) {
        if (k > 0 && items[k].source == items[k - 1].source) continue;  // dropout copy
        std::vector<uint64_t> uniq;
        for (size_t h = 0; h < items[k].hits.size(); ++h) {
            uint64_t hash = items[k].hits[h].hash;
            if (!name_of.count(hash)) {
                const std::string& nm = items[k].names[h];
                if (nm.find_first_of("\t\n\r") != std::string::npos) continue;
                name_of[hash] = nm;
                first_seen.push_back(hash);
            }
            uniq.push_back(hash);
        }
        std::sort(uniq.begin(), uniq.end());
        uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
        for (uint64_t u : uniq)
            ++df[u];
    }
    // Context-free copies may carry features the first pass did not name ("ctx rt none").
    for (const auto& it : items)
        for (size_t h = 0; h < it.hits.size(); ++h)
            if (!name_of.count(it.hits[h].hash)) {
                name_of[it.hits[h].hash] = it.names[h];
                first_seen.push_back(it.hits[h].hash);
                df[it.hits[h].hash] = settings.min_df;
            }
    std::vector<uint64_t> dict;
    for (uint64_t h : first_seen)
        if (df[h] >= settings.min_df) dict.push_back(h);
    std::sort(dict.begin(), dict.end(),
              [&](uint64_t a, uint64_t b) { return name_of[a] < name_of[b]; });
    std::unordered_map<uint64_t, int> column;
    for (size_t j = 0; j < dict.size(); ++j)
        column[dict[j]] = static_cast<int>(j) + 1;

    Matrix m;
    m.n = static_cast<int>(dict.size()) + 1;
    for (const auto& it : items) {
        std::map<int, double> row;  // duplicates summed, indices ascending
        for (const auto& h : it.hits) {
            auto c = column.find(h.hash);
            if (c != column.end()) row[c->second] += h.value;
        }
        std::vector<feature_node> nodes;
        for (const auto& [j, v] : row)
            nodes.push_back({j, v});
        nodes.push_back({m.n, 1.0});  // bias
        nodes.push_back({-1, 0.0});
        m.rows.push_back(std::move(nodes));
    }

    // Folds by moment.
    std::vector<int> fold(items.size());
    for (size_t k = 0; k < items.size(); ++k)
        fold[k] = static_cast<int>(feature_hash(examples[items[k].source].group) %
                                   static_cast<uint64_t>(std::max(2, settings.folds)));

    auto targets = [&](size_t label, std::vector<size_t>* use, std::vector<double>* y) {
        y->assign(items.size(), -1.0);
        use->clear();
        for (size_t k = 0; k < items.size(); ++k) {
            int8_t v = examples[items[k].source].y[label];
            if (v < 0) continue;
            (*y)[k] = v > 0 ? 1.0 : -1.0;
            use->push_back(k);
        }
    };

    // C per group by cross-validated log-loss.
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t l = 0; l < labels.size(); ++l)
        groups[group_of(labels[l])].push_back(l);
    std::map<std::string, double> best_c;
    for (const auto& [g, members] : groups) {
        double best_loss = INFINITY, chosen = settings.c_grid.front();
        for (double c : settings.c_grid) {
            double loss = 0;
            size_t count = 0;
            for (size_t l : members) {
                std::vector<size_t> use;
                std::vector<double> y;
                targets(l, &use, &y);
                for (int f = 0; f < settings.folds; ++f) {
                    std::vector<size_t> tr, te;
                    for (size_t k : use)
                        (fold[k] == f ? te : tr).push_back(k);
                    if (tr.empty() || te.empty()) continue;
                    Fit fitted = fit(m, tr, y, c, settings.eps);
                    for (size_t k : te) {
                        double p = 1.0 / (1.0 + std::exp(-decision(fitted, m.rows[k])));
                        p = std::clamp(p, 1e-6, 1 - 1e-6);
                        loss -= y[k] > 0 ? std::log(p) : std::log(1 - p);
                        ++count;
                    }
                }
            }
            loss /= std::max<size_t>(1, count);
            if (loss < best_loss - 1e-9) {
                best_loss = loss;
                chosen = c;
            }
        }
        best_c[g] = chosen;
        out->chosen_c.emplace_back(g, chosen);
    }

    // Final models on everything.
    std::vector<Fit> fits;
    for (size_t l = 0; l < labels.size(); ++l) {
        std::vector<size_t> use;
        std::vector<double> y;
        targets(l, &use, &y);
        fits.push_back(fit(m, use, y, best_c[group_of(labels[l])], settings.eps));
    }

    // The file. Weights at 3 significant digits, those under 0.005 as 0 (they move no
    // probability by more than a fraction of a percent); features whose weights are all 0 are
    // left out.
    auto num = [](double v) {
        if (std::fabs(v) < 5e-3) return std::string("0");
        char b[32];
        std::snprintf(b, sizeof b, "%.3g", v);
        return std::string(b);
    };
    std::string text = "impasse-response-model 1\nlabels";
    for (const auto& l : labels)
        text += "\t" + l;
    text += "\nbias";
    for (const auto& f : fits)
        text += "\t" + num(f.one_class ? f.constant : f.w.back());
    std::string body;
    size_t kept = 0;
    for (size_t j = 0; j < dict.size(); ++j) {
        std::string line = name_of[dict[j]];
        bool any = false;
        for (const auto& f : fits) {
            std::string v = num(f.one_class ? 0.0 : f.w[j]);
            any = any || v != "0";
            line += "\t" + v;
        }
        if (!any) continue;
        body += line + "\n";
        ++kept;
    }
    text += "\nfeatures\t" + std::to_string(kept) + "\n" + body;
    out->model_text = std::move(text);
    out->features = kept;
    out->examples = examples.size();
    return true;
}

}  // namespace impasse
