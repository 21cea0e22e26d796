// Snowball English stemming, one stemmer per thread (sb_stemmer is not thread-safe), with a
// small per-thread cache because the same few hundred words recur in every response.
#include <libstemmer.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "impasse/text.h"

namespace impasse::text {
namespace {

struct ThreadStemmer {
    sb_stemmer* stemmer = sb_stemmer_new("english", nullptr);
    std::unordered_map<std::string, std::string> cache;
    ThreadStemmer() = default;
    ThreadStemmer(const ThreadStemmer&) = delete;
    ThreadStemmer& operator=(const ThreadStemmer&) = delete;
    ~ThreadStemmer() {
        if (stemmer) sb_stemmer_delete(stemmer);
    }
};

constexpr size_t kCacheLimit = 50000;
constexpr size_t kLongestStemmed = 64;  // longer "words" are not words; keep them as they are

}  // namespace

std::string stem(std::string_view lower_word) {
    thread_local ThreadStemmer ts;
    if (!ts.stemmer || lower_word.empty() || lower_word.size() > kLongestStemmed)
        return std::string(lower_word);
    std::string key(lower_word);
    auto it = ts.cache.find(key);
    if (it != ts.cache.end()) return it->second;
    const sb_symbol* out = sb_stemmer_stem(
        ts.stemmer, reinterpret_cast<const sb_symbol*>(key.data()), static_cast<int>(key.size()));
    std::string result = out ? std::string(reinterpret_cast<const char*>(out),
                                           static_cast<size_t>(sb_stemmer_length(ts.stemmer)))
                             : key;
    if (ts.cache.size() >= kCacheLimit) ts.cache.clear();
    ts.cache.emplace(std::move(key), result);
    return result;
}

}  // namespace impasse::text
