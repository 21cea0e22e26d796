// Training the response model (response_model.h) with LIBLINEAR: one L2-regularised logistic
// regression per label, over one shared feature dictionary, written as a model file that
// ResponseModel::parse reads.
//
// Mental model: examples -> features (extract_features) -> a dictionary of the features seen in
// at least `min_df` examples -> per label group ("principle", "counter_marker", "strategy",
// "behaviour", "risk_check", "overall"), the regularisation C with the lowest log-loss in
// cross-validation over folds made of whole moments (so C is chosen on situations the fold did
// not see) -> each label trained on all examples with its group's C.
//
// Determinism: no randomness anywhere (the primal trust-region solver, folds by a hash of the
// moment id, weights printed with fixed precision): the same examples and settings give the same
// file, byte for byte. Errors: returns false with `*error` set when there is nothing to learn.
// Thread safety: LIBLINEAR's print hook is global; run one training at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "impasse/response_model.h"

namespace impasse {

struct TrainingExample {
    std::string text;
    ModelContext context;
    std::string group;      // the moment it answers: cross-validation folds keep it whole
    std::vector<int8_t> y;  // per label: 1, 0, or -1 when the label is unknown for it
};

struct TrainSettings {
    std::vector<double> c_grid{1, 4, 16};
    int folds = 4;
    int min_df = 3;
    double eps = 0.001;
    bool context_dropout = true;  // each example also seen without its moment
};

struct TrainResult {
    std::string model_text;                                // the file's content
    std::vector<std::pair<std::string, double>> chosen_c;  // group -> C
    size_t features = 0;
    size_t examples = 0;
};

bool train_response_model(const std::vector<std::string>& labels,
                          const std::vector<TrainingExample>& examples,
                          const TrainSettings& settings, TrainResult* out, std::string* error);

}  // namespace impasse
