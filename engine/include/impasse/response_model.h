// ResponseModel: the learned reading of a typed answer (assets/model/response-model.txt).
//
// Mental model: one logistic-regression model per label (principles, counter-markers,
// strategies, MITI behaviours, risk_check, and the cumulative overall ratings ">= 2" .. ">= 5"),
// trained by LIBLINEAR from the corpus in assets/corpus/ (scripts/train-scorer). All models
// share one feature dictionary: word unigrams, stems, bigrams and trigrams (negated words
// marked), question shape, length, the moment (rupture type, marker, stage) and how much of the
// patient's line the answer picks up. predict() gives each label's probability and, for each,
// the span of the trainee's words whose features raised it most (the evidence).
//
// Ownership: a loaded model is immutable. Errors: load() returns null and sets `error` (the
// file, line and what is wrong) for a missing or malformed file; predict() cannot fail.
// Thread safety: predict() may be called from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/text.h"

namespace impasse {

// Where the answer was given. Empty strings mean "unknown"; a model trained with context
// dropout reads an answer without context too.
struct ModelContext {
    std::string rupture_type;  // "withdrawal", "confrontation" or ""
    std::string marker;        // a marker id or ""
    std::string stage;         // a stage id or ""
    std::string patient_line;  // the line being answered, or ""
};

// One feature found in a text: its hashed name, value, and the bytes of the words it came from
// (start == end for features of the whole answer or of the moment).
struct FeatureHit {
    uint64_t hash = 0;
    float value = 1.0f;
    uint32_t start = 0;
    uint32_t end = 0;
};

// Features of `text` at `ctx`; with `names`, also their readable names (training, `explain`).
// Deterministic; the same for training and scoring. Invalid UTF-8 bytes are skipped.
std::vector<FeatureHit> extract_features(std::string_view text, const ModelContext& ctx,
                                         std::vector<std::string>* names = nullptr);
// The same from `a` = text::analyze(text), for a caller that reads the analysis too.
std::vector<FeatureHit> extract_features(const text::Analysis& a, const ModelContext& ctx,
                                         std::vector<std::string>* names = nullptr);

// 64-bit FNV-1a of a feature name, as extract_features hashes it.
uint64_t feature_hash(std::string_view name);

struct LabelPrediction {
    double p = 0.0;      // calibrated probability that the label applies
    uint32_t start = 0;  // evidence: byte span of the words that raised it most
    uint32_t end = 0;    // (start == end when no word raised it)
};

class ResponseModel {
  public:
    // Reads a model file. Null with `*error` = "FILE:LINE: what" when it cannot be used.
    static std::unique_ptr<ResponseModel> load(const std::string& path, std::string* error);
    static std::unique_ptr<ResponseModel> parse(std::string_view content, const std::string& name,
                                                std::string* error);

    // Label ids in file order, e.g. "principle:tentativeness", "counter_marker:directive",
    // "strategy:invite_discussion", "behaviour:question_open", "risk_check", "overall>=3".
    const std::vector<std::string>& labels() const { return labels_; }
    int label_index(std::string_view id) const;  // -1 when absent

    // Probabilities for every label, in labels() order, and the evidence of each label that
    // `evidence` (indexed by label; null: every label) asks for and whose probability is at
    // least `evidence_from` (the others get start == end == 0).
    std::vector<LabelPrediction> predict(std::string_view text, const ModelContext& ctx,
                                         const std::vector<bool>* evidence = nullptr,
                                         double evidence_from = 0.0) const;
    // The same from `a` = text::analyze(text) (the scorer analyses each answer once).
    std::vector<LabelPrediction> predict(const text::Analysis& a, const ModelContext& ctx,
                                         const std::vector<bool>* evidence = nullptr,
                                         double evidence_from = 0.0) const;

    // Short hex digest of the file's content: recorded in transcripts as the scorer version.
    const std::string& version() const { return version_; }
    size_t feature_count() const { return rows_; }

    // The features with the largest weights for `label` (name, weight), for `impasse model
    // explain`; positive first.
    std::vector<std::pair<std::string, double>> top_features(int label, size_t n) const;

  private:
    ResponseModel() = default;
    const float* find_row(uint64_t hash) const;  // the row of a feature's weights, or null
    // z[l] += row[l] * value for l < n.
    static void add_row(const float* row, double value, double* z, size_t n);
    std::vector<std::string> labels_;
    std::vector<double> bias_;
    std::vector<std::string> names_;  // per row
    std::vector<uint64_t> hashes_;    // sorted, per row
    std::vector<float> weights_;      // rows_ x labels_.size(), row-major
    std::vector<uint32_t> slots_;     // hash table over hashes_: row + 1, 0 = empty
    size_t rows_ = 0;
    std::string version_;
};

// MITI 4.2 behaviour codes the model reads (the corpus's `behaviours`).
const std::vector<std::string>& miti_behaviours();

// The labels a model is trained for, in file order: "principle:ID" (10), "counter_marker:ID"
// (8), "strategy:ID" (10), "behaviour:CODE" (12), "risk_check", "overall>=2" .. "overall>=5".
std::vector<std::string> response_model_labels();

// The model `impasse` uses: paths::assets()/model/response-model.txt.
std::shared_ptr<const ResponseModel> default_response_model(std::string* error);

}  // namespace impasse
