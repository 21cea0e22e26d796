// `impasse model`: train the response model from the corpus, and look inside it.
//
//   impasse model train --data assets/corpus/train.jsonl --out assets/model/response-model.txt
//   impasse model explain counter_marker:directive --top 20
//   impasse model info
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/model_trainer.h"
#include "impasse/response_model.h"

namespace impasse::cli {
namespace {

struct ModelOptions {
    std::vector<std::string> data;
    std::string out;
    std::string manifest;
    std::string model;
    std::string label;
    size_t top = 25;
};

// The learner's settings as trained, for the model's manifest. Written with nlohmann's
// ordered_json so the same training writes the same bytes.
bool write_settings(const std::string& path, const TrainSettings& settings,
                    const TrainResult& result, size_t labels) {
    nlohmann::ordered_json j;
    j["learner"] = "LIBLINEAR L2-regularised logistic regression (L2R_LR, primal), one per label";
    j["c_grid"] = settings.c_grid;
    j["c_chosen_by"] =
        std::to_string(settings.folds) + "-fold cross-validated log-loss, folds grouped by moment";
    j["folds"] = settings.folds;
    j["min_df"] = settings.min_df;
    j["eps"] = settings.eps;
    j["context_dropout"] = settings.context_dropout;
    nlohmann::ordered_json chosen = nlohmann::ordered_json::object();
    for (const auto& [group, c] : result.chosen_c)
        chosen[group] = c;
    j["chosen_c"] = chosen;
    j["labels"] = labels;
    j["examples"] = result.examples;
    j["features"] = result.features;
    j["weights"] = "3 significant digits; |w| < 0.005 written as 0";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json_out::write(j, 2, true) << "\n";
    out.close();
    return static_cast<bool>(out);
}

int8_t flag(const nlohmann::json& obj, const std::string& key) {
    if (!obj.is_object() || !obj.contains(key)) return -1;
    const auto& v = obj[key];
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
    if (v.is_number()) return v.get<double>() > 0 ? 1 : 0;
    return -1;
}

std::string str(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return "";
    return obj[key].get<std::string>();
}

// One corpus line as a training example; "" on success, else what is wrong.
std::string example_from(const nlohmann::json& row, const std::vector<std::string>& labels,
                         TrainingExample* ex) {
    if (!row.is_object() || !row.contains("text") || !row["text"].is_string())
        return "each line needs \"text\"";
    ex->text = row["text"].get<std::string>();
    const nlohmann::json ctx = row.value("context", nlohmann::json::object());
    ex->context.rupture_type = str(ctx, "rupture_type");
    ex->context.marker = str(ctx, "marker");
    ex->context.stage = str(ctx, "stage");
    ex->context.patient_line = str(ctx, "patient_line");
    ex->group = str(row, "moment");
    if (ex->group.empty()) ex->group = ex->context.patient_line;
    const nlohmann::json lab = row.value("labels", nlohmann::json::object());
    int overall = row.contains("overall") && row["overall"].is_number_integer()
                      ? row["overall"].get<int>()
                      : 0;
    std::string strategy = str(lab, "strategy");
    bool has_strategy = lab.is_object() && lab.contains("strategy");
    const nlohmann::json behaviours = lab.value("behaviours", nlohmann::json());
    for (const auto& l : labels) {
        int8_t y = -1;
        size_t colon = l.find(':');
        std::string kind = colon == std::string::npos ? l : l.substr(0, colon);
        std::string id = colon == std::string::npos ? "" : l.substr(colon + 1);
        if (kind == "principle") {
            y = flag(lab.value("principles", nlohmann::json()), id);
        } else if (kind == "counter_marker") {
            y = flag(lab.value("counter_markers", nlohmann::json()), id);
        } else if (kind == "strategy") {
            if (has_strategy) y = strategy == id ? 1 : 0;
        } else if (kind == "behaviour") {
            if (behaviours.is_array()) {
                y = 0;
                for (const auto& b : behaviours)
                    if (b.is_string() && b.get<std::string>() == id) y = 1;
            }
        } else if (l == "risk_check") {
            y = flag(lab, "risk_check");
        } else if (l.rfind("overall>=", 0) == 0) {
            int k = std::stoi(l.substr(9));
            if (overall >= 1 && overall <= 5) y = overall >= k ? 1 : 0;
        }
        ex->y.push_back(y);
    }
    return "";
}

void train_cmd(const ModelOptions& o, int& exit_code) {
    std::vector<std::string> labels = response_model_labels();
    std::vector<TrainingExample> examples;
    for (const auto& path : o.data) {
        std::ifstream in(path);
        if (!in) {
            std::cerr << path << ": cannot open\n";
            exit_code = 1;
            return;
        }
        std::string line;
        size_t n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto row = json_in::parse(line);
            TrainingExample ex;
            std::string err =
                row.is_discarded() ? "not valid JSON" : example_from(row, labels, &ex);
            if (!err.empty()) {
                std::cerr << path << ":" << n << ":1: " << err << "\n";
                exit_code = 1;
                return;
            }
            examples.push_back(std::move(ex));
        }
    }
    TrainSettings settings;
    TrainResult result;
    std::string error;
    if (!train_response_model(labels, examples, settings, &result, &error)) {
        std::cerr << "impasse model train: " << error << "\n";
        exit_code = 1;
        return;
    }
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << result.model_text;
    out.close();
    if (!out) {
        std::cerr << o.out << ": cannot write\n";
        exit_code = 1;
        return;
    }
    std::printf("trained %zu labels on %zu examples; %zu features\n", labels.size(),
                result.examples, result.features);
    for (const auto& [group, c] : result.chosen_c)
        std::printf("  C(%s) = %g\n", group.c_str(), c);
    if (!o.manifest.empty() && !write_settings(o.manifest, settings, result, labels.size())) {
        std::cerr << o.manifest << ": cannot write\n";
        exit_code = 1;
        return;
    }
    exit_code = 0;
}

std::shared_ptr<const ResponseModel> open_model(const ModelOptions& o, int& exit_code) {
    std::string error;
    std::shared_ptr<const ResponseModel> m;
    if (o.model.empty())
        m = default_response_model(&error);
    else
        m = ResponseModel::load(o.model, &error);
    if (!m) {
        std::cerr << error << "\n";
        exit_code = 1;
    }
    return m;
}

void explain_cmd(const ModelOptions& o, int& exit_code) {
    auto m = open_model(o, exit_code);
    if (!m) return;
    int l = m->label_index(o.label);
    if (l < 0) {
        std::cerr << "impasse model explain: no label '" << o.label << "'; labels are:";
        for (const auto& s : m->labels())
            std::cerr << " " << s;
        std::cerr << "\n";
        exit_code = 2;
        return;
    }
    for (const auto& [name, w] : m->top_features(l, o.top))
        std::printf("%+8.3f  %s\n", w, name.c_str());
    exit_code = 0;
}

void info_cmd(const ModelOptions& o, int& exit_code) {
    auto m = open_model(o, exit_code);
    if (!m) return;
    std::printf("version %s\nlabels %zu\nfeatures %zu\n", m->version().c_str(), m->labels().size(),
                m->feature_count());
    exit_code = 0;
}

}  // namespace

void add_model(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ModelOptions>();
    CLI::App* cmd =
        app.add_subcommand("model", "Train the scorer's response model or look inside it");
    cmd->require_subcommand(1);
    CLI::App* train = cmd->add_subcommand(
        "train", "Train the response model from corpus JSONL files (scripts/train-scorer runs it)");
    train->add_option("--data", o->data, "corpus JSONL files")->required();
    train->add_option("--out", o->out, "model file to write")->required();
    train->add_option("--manifest", o->manifest,
                      "also write the training settings and the chosen C per label group "
                      "(JSON; scripts/train-scorer adds data hashes and held-out figures)");
    train->callback([o, &exit_code] { train_cmd(*o, exit_code); });
    CLI::App* explain = cmd->add_subcommand("explain", "The features weighing most for a label");
    explain->add_option("label", o->label, "e.g. counter_marker:directive")->required();
    explain->add_option("--top", o->top, "how many (default 25)");
    explain->add_option("--model", o->model, "a model file other than the bundled one");
    explain->callback([o, &exit_code] { explain_cmd(*o, exit_code); });
    CLI::App* info = cmd->add_subcommand("info", "The bundled model's version, labels and size");
    info->add_option("--model", o->model, "a model file other than the bundled one");
    info->callback([o, &exit_code] { info_cmd(*o, exit_code); });
}

}  // namespace impasse::cli
