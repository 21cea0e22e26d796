// Loading the response model's file and predicting with it.
#include "impasse/response_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <numeric>
#include <sstream>
#include <system_error>
#include <thread>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "impasse/paths.h"

namespace impasse {
namespace {

constexpr size_t kMaxModelBytes = 256u * 1024u * 1024u;

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (true) {
        size_t tab = line.find('\t', pos);
        out.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
        if (tab == std::string_view::npos) break;
        pos = tab + 1;
    }
    return out;
}

bool to_double(std::string_view s, double* v) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(*v);
}

std::string hex_digest(std::string_view content) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx",
                  static_cast<unsigned long long>(feature_hash(content)));  // FNV-1a
    return buf;
}

}  // namespace

std::unique_ptr<ResponseModel> ResponseModel::load(const std::string& path, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = path + ": cannot open the response model";
        return nullptr;
    }
    std::string content;
    in.seekg(0, std::ios::end);  // one allocation for the whole file, when its size is known
    if (std::streamoff size = in.tellg(); size > 0 && static_cast<size_t>(size) <= kMaxModelBytes)
        content.reserve(static_cast<size_t>(size));
    in.seekg(0, std::ios::beg);
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        content.append(buf, static_cast<size_t>(in.gcount()));
        if (content.size() > kMaxModelBytes) {
            if (error) *error = path + ": the response model is larger than 256 MiB";
            return nullptr;
        }
    }
    return parse(content, path, error);
}

std::unique_ptr<ResponseModel> ResponseModel::parse(std::string_view content,
                                                    const std::string& name, std::string* error) {
    std::unique_ptr<ResponseModel> m(new ResponseModel());
    size_t line_no = 0, pos = 0;
    auto fail = [&](const std::string& what) -> std::unique_ptr<ResponseModel> {
        if (error) *error = name + ":" + std::to_string(line_no) + ": " + what;
        return nullptr;
    };
    auto next_line = [&](std::string_view* line) {
        if (pos >= content.size()) return false;
        size_t nl = content.find('\n', pos);
        *line = content.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
        pos = nl == std::string_view::npos ? content.size() : nl + 1;
        ++line_no;
        return true;
    };
    std::string_view line;
    if (!next_line(&line) || line != "impasse-response-model 1")
        return fail("not a response model (the first line must be 'impasse-response-model 1')");
    if (!next_line(&line)) return fail("missing the labels line");
    auto f = split_tabs(line);
    if (f.size() < 2 || f[0] != "labels") return fail("expected 'labels<TAB>id...'");
    for (size_t i = 1; i < f.size(); ++i)
        m->labels_.emplace_back(f[i]);
    const size_t L = m->labels_.size();
    if (!next_line(&line)) return fail("missing the bias line");
    f = split_tabs(line);
    if (f.size() != L + 1 || f[0] != "bias") return fail("expected 'bias' and one number a label");
    for (size_t i = 1; i < f.size(); ++i) {
        double v;
        if (!to_double(f[i], &v)) return fail("bias " + std::to_string(i) + " is not a number");
        m->bias_.push_back(v);
    }
    if (!next_line(&line)) return fail("missing the features line");
    f = split_tabs(line);
    double declared = 0;
    if (f.size() != 2 || f[0] != "features" || !to_double(f[1], &declared) || declared < 0 ||
        declared > 1e8)
        return fail("expected 'features<TAB>COUNT'");
    auto rows = static_cast<size_t>(declared);
    // The feature lines are found first, then read on two threads (a model has over a million
    // weights, and reading them was most of the time `impasse score` took to start).
    std::vector<std::string_view> lines;
    std::vector<size_t> line_nos;
    lines.reserve(std::min(rows, content.size() / (L + 1)));  // not what a bad header claims
    line_nos.reserve(lines.capacity());
    while (next_line(&line)) {
        if (line.empty()) continue;
        lines.push_back(line);
        line_nos.push_back(line_no);
    }
    if (lines.size() != rows) {
        line_no = line_nos.empty() ? line_no : line_nos.back();
        return fail("the file declares " + std::to_string(rows) + " features but has " +
                    std::to_string(lines.size()));
    }
    std::vector<float> weights(rows * L);
    m->names_.assign(rows, std::string());
    // Reads lines [from, to); returns the index of the first bad line (its message in *what),
    // or `to`.
    auto read = [&](size_t from, size_t to, std::string* what) {
        for (size_t r = from; r < to; ++r) {
            const char* p = lines[r].data();
            const char* end = p + lines[r].size();
            const char* tab = static_cast<const char*>(std::memchr(p, '\t', lines[r].size()));
            if (!tab) {
                *what = "a feature line needs its name and one weight a label";
                return r;
            }
            m->names_[r].assign(p, tab);
            p = tab + 1;
            for (size_t i = 0; i < L; ++i) {
                double v = 0;
                auto res = std::from_chars(p, end, v);
                bool last = i + 1 == L;
                if (res.ec != std::errc() || !std::isfinite(v) ||
                    (last ? res.ptr != end : (res.ptr == end || *res.ptr != '\t'))) {
                    const char* stop = static_cast<const char*>(
                        std::memchr(p, '\t', static_cast<size_t>(end - p)));
                    bool number_ended = res.ec == std::errc() && std::isfinite(v) &&
                                        (res.ptr == end || res.ptr == stop);
                    *what = number_ended ? "a feature line needs its name and one weight a label"
                                         : "weight " + std::to_string(i + 1) + " is not a number";
                    return r;
                }
                weights[r * L + i] = static_cast<float>(v);
                p = last ? end : res.ptr + 1;
            }
        }
        return to;
    };
    std::string what_a, what_b;
    size_t half = rows / 2, bad_a = half, bad_b = rows;
    try {
        std::thread second([&] { bad_b = read(half, rows, &what_b); });
        bad_a = read(0, half, &what_a);
        second.join();
    } catch (const std::system_error&) {  // no thread to be had: read it all here
        bad_a = read(0, half, &what_a);
        bad_b = read(half, rows, &what_b);
    }
    if (bad_a != half || bad_b != rows) {
        bool first = bad_a != half;
        line_no = line_nos[first ? bad_a : bad_b];
        return fail(first ? what_a : what_b);
    }
    std::vector<std::pair<uint64_t, size_t>> order(rows);
    for (size_t r = 0; r < rows; ++r)
        order[r] = {feature_hash(m->names_[r]), r};
    std::sort(order.begin(), order.end());
    for (size_t i = 1; i < order.size(); ++i)
        if (order[i].first == order[i - 1].first)
            return fail("two features share a hash: '" + m->names_[order[i].second] + "'");
    // Rows sorted by hash, for binary search.
    m->rows_ = rows;
    m->hashes_.resize(rows);
    m->weights_.resize(rows * L);
    std::vector<std::string> names(rows);
    for (size_t r = 0; r < rows; ++r) {
        m->hashes_[r] = order[r].first;
        names[r] = std::move(m->names_[order[r].second]);
        std::copy_n(weights.begin() + static_cast<std::ptrdiff_t>(order[r].second * L), L,
                    m->weights_.begin() + static_cast<std::ptrdiff_t>(r * L));
    }
    m->names_ = std::move(names);
    // Open addressing, at most half full: row + 1 per slot, 0 for empty.
    size_t slots = 16;
    while (slots < rows * 2)
        slots *= 2;
    m->slots_.assign(slots, 0);
    for (size_t r = 0; r < rows; ++r) {
        uint64_t h = m->hashes_[r];
        size_t i = static_cast<size_t>(h ^ (h >> 29)) & (slots - 1);
        while (m->slots_[i] != 0)
            i = (i + 1) & (slots - 1);
        m->slots_[i] = static_cast<uint32_t>(r + 1);
    }
    m->version_ = hex_digest(content);
    return m;
}

int ResponseModel::label_index(std::string_view id) const {
    for (size_t i = 0; i < labels_.size(); ++i)
        if (labels_[i] == id) return static_cast<int>(i);
    return -1;
}

std::vector<LabelPrediction> ResponseModel::predict(std::string_view text, const ModelContext& ctx,
                                                    const std::vector<bool>* evidence,
                                                    double evidence_from) const {
    return predict(text::analyze(text), ctx, evidence, evidence_from);
}

std::vector<LabelPrediction> ResponseModel::predict(const text::Analysis& a,
                                                    const ModelContext& ctx,
                                                    const std::vector<bool>* evidence,
                                                    double evidence_from) const {
    const size_t L = labels_.size();
    std::vector<FeatureHit> hits = extract_features(a, ctx);
    std::vector<double> z(bias_);
    // The hits found in the model with words behind them (evidence candidates), then the logits.
    // Each label's logit adds the hits in the order found, so the sums are the same whichever
    // way the rows are laid out or the labels grouped.
    struct Found {
        const float* row;
        double value;
        uint32_t start, end;
    };
    std::vector<Found> found;
    found.reserve(hits.size());
    for (const FeatureHit& h : hits) {
        const float* row = find_row(h.hash);
        if (!row) continue;
        add_row(row, static_cast<double>(h.value), z.data(), L);
        if (h.start < h.end) found.push_back({row, h.value, h.start, h.end});
    }
    std::vector<LabelPrediction> out(L);
    std::vector<double> c(found.size());
    std::vector<size_t> strong;  // the hits that raised the label clearly, in hit order
    strong.reserve(found.size());
    for (size_t l = 0; l < L; ++l) {
        out[l].p = 1.0 / (1.0 + std::exp(-z[l]));
        if ((evidence && (l >= evidence->size() || !(*evidence)[l])) || out[l].p < evidence_from)
            continue;
        // Evidence: the words whose features raised this label most, widened over touching
        // words that also raised it clearly.
        double best = 0;
        size_t best_h = found.size();
        for (size_t h = 0; h < found.size(); ++h) {
            c[h] = static_cast<double>(found[h].row[l]) * found[h].value;
            if (c[h] > best) {
                best = c[h];
                best_h = h;
            }
        }
        if (best_h == found.size()) continue;
        strong.clear();
        for (size_t h = 0; h < found.size(); ++h)
            if (c[h] >= 0.35 * best) strong.push_back(h);
        uint32_t s = found[best_h].start, e = found[best_h].end;
        for (bool grew = true; grew;) {
            grew = false;
            for (size_t h : strong) {
                const Found& f = found[h];
                bool touches = f.start <= e + 2 && f.end + 2 >= s;
                bool inside = f.start >= s && f.end <= e;
                uint32_t ns = std::min(s, f.start), ne = std::max(e, f.end);
                if (touches && !inside && ne - ns <= 160) {
                    s = ns;
                    e = ne;
                    grew = true;
                }
            }
        }
        out[l].start = s;
        out[l].end = e;
    }
    return out;
}

const float* ResponseModel::find_row(uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(hash ^ (hash >> 29)) & mask;; i = (i + 1) & mask) {
        uint32_t r = slots_[i];
        if (r == 0) return nullptr;
        if (hashes_[r - 1] == hash) return &weights_[static_cast<size_t>(r - 1) * labels_.size()];
    }
}

void ResponseModel::add_row(const float* row, double value, double* z, size_t n) {
    size_t l = 0;
#if defined(__SSE2__)
    // Two labels at a time: the same products and sums as the loop below, element by element.
    const __m128d v = _mm_set1_pd(value);
    for (; l + 2 <= n; l += 2) {
        __m128d w = _mm_cvtps_pd(
            _mm_castsi128_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + l))));
        _mm_storeu_pd(z + l, _mm_add_pd(_mm_loadu_pd(z + l), _mm_mul_pd(w, v)));
    }
#endif
    for (; l < n; ++l)
        z[l] += static_cast<double>(row[l]) * value;
}

std::vector<std::pair<std::string, double>> ResponseModel::top_features(int label, size_t n) const {
    std::vector<std::pair<std::string, double>> all;
    if (label < 0 || static_cast<size_t>(label) >= labels_.size()) return all;
    const size_t L = labels_.size();
    for (size_t r = 0; r < rows_; ++r)
        all.emplace_back(names_[r], weights_[r * L + static_cast<size_t>(label)]);
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (all.size() > n) all.resize(n);
    return all;
}

std::shared_ptr<const ResponseModel> default_response_model(std::string* error) {
    static std::mutex mu;
    static std::shared_ptr<const ResponseModel> cached;
    static std::string cached_error;
    std::lock_guard<std::mutex> lock(mu);
    if (!cached && cached_error.empty()) {
        std::string root = paths::assets();
        if (root.empty()) {
            cached_error = "cannot find the bundled assets folder (set IMPASSE_DATA_ROOT)";
        } else {
            cached = ResponseModel::load(root + "/model/response-model.txt", &cached_error);
        }
    }
    if (!cached && error) *error = cached_error;
    return cached;
}

}  // namespace impasse
