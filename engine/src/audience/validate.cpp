// The audience's input, checked before it touches the room: ids by their exact shape, typed
// answers by length, encoding and characters. Error codes and messages live here too.
#include <string>
#include <string_view>

#include "impasse/audience.h"
#include "impasse/text.h"
#include "impasse/utf8.h"

namespace impasse {

const char* audience_error_code(AudienceError e) {
    switch (e) {
        case AudienceError::none:
            return "none";
        case AudienceError::wrong_room:
            return "wrong_room";
        case AudienceError::bad_request:
            return "bad_request";
        case AudienceError::unknown_voter:
            return "unknown_voter";
        case AudienceError::unknown_option:
            return "unknown_option";
        case AudienceError::no_moment:
            return "no_moment";
        case AudienceError::voting_closed:
            return "voting_closed";
        case AudienceError::answers_not_allowed:
            return "answers_not_allowed";
        case AudienceError::answer_empty:
            return "answer_empty";
        case AudienceError::answer_too_long:
            return "answer_too_long";
        case AudienceError::answer_invalid:
            return "answer_invalid";
        case AudienceError::already_answered:
            return "already_answered";
        case AudienceError::moment_changed:
            return "moment_changed";
        case AudienceError::rate_limited:
            return "rate_limited";
        case AudienceError::room_full:
            return "room_full";
        case AudienceError::no_randomness:
            return "no_randomness";
    }
    return "unknown";
}

const char* audience_error_message(AudienceError e) {
    switch (e) {
        case AudienceError::none:
            return "OK.";
        case AudienceError::wrong_room:
            return "That is not this room's code.";
        case AudienceError::bad_request:
            return "The request is malformed.";
        case AudienceError::unknown_voter:
            return "Reload the page to join the room.";
        case AudienceError::unknown_option:
            return "That is not one of the options.";
        case AudienceError::no_moment:
            return "There is nothing to vote on yet.";
        case AudienceError::voting_closed:
            return "Voting is closed.";
        case AudienceError::answers_not_allowed:
            return "Typed answers are not open.";
        case AudienceError::answer_empty:
            return "The answer is empty.";
        case AudienceError::answer_too_long:
            return "The answer is too long.";
        case AudienceError::answer_invalid:
            return "The answer contains characters it may not.";
        case AudienceError::already_answered:
            return "You have already answered.";
        case AudienceError::moment_changed:
            return "The presenter has moved on.";
        case AudienceError::rate_limited:
            return "Too many requests; wait a moment.";
        case AudienceError::room_full:
            return "The room is full.";
        case AudienceError::no_randomness:
            return "The system's random source failed.";
    }
    return "Unknown error.";
}

const char* voting_state_name(VotingState s) {
    switch (s) {
        case VotingState::closed:
            return "closed";
        case VotingState::open:
            return "open";
        case VotingState::revealed:
            return "revealed";
    }
    return "closed";
}

namespace audience {

namespace {}  // namespace

bool valid_hex_id(std::string_view id) {
    if (id.size() != 32) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

AudienceError check_answer(std::string_view text, size_t max_bytes, std::string* clean) {
    // Length first, so that a huge input costs nothing more.
    if (text.size() > max_bytes) return AudienceError::answer_too_long;
    if (!text::valid_utf8(text)) return AudienceError::answer_invalid;
    for (unsigned char c : text)
        if ((c < 0x20 && c != ' ') || c == 0x7f) return AudienceError::answer_invalid;
    // U+2028/U+2029 (line separators) and bidirectional overrides could reorder what
    // the projector shows around the answer.
    static const std::string_view banned[] = {"\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAA",
                                              "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                                              "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7",
                                              "\xE2\x81\xA8", "\xE2\x81\xA9"};
    for (std::string_view b : banned)
        if (text.find(b) != std::string_view::npos) return AudienceError::answer_invalid;
    // Made only of spaces, visible or not, it says nothing.
    if (utf8::blank(text)) return AudienceError::answer_empty;
    size_t first = text.find_first_not_of(' ');
    size_t last = text.find_last_not_of(' ');
    if (clean) *clean = std::string(text.substr(first, last - first + 1));
    return AudienceError::none;
}

}  // namespace audience
}  // namespace impasse
