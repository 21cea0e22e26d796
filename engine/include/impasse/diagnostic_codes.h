// The one table of diagnostic codes: every code the engine reports, defined here once with its
// severity and a short title, the way Yarn Spinner's DiagnosticDescriptor lists do.
//
// Code that reports a problem names it by its constant (`codes::unknown_key`), never by a
// literal "IMP0102"; a test fails on a literal elsewhere, on a code here without its entry in
// docs/diagnostics.md, docs/diagnostics-rubric.md or docs/spotting.md, and on a documented code
// missing from this table. The numbers are stable: a code is never renumbered or reused.
#pragma once

#include <string_view>

#include "impasse/diagnostic.h"

namespace impasse {

// X(name, code, severity, title). Ranges: 00xx reading a file, 01xx structure, 02xx
// vocabulary, 03xx uniqueness, 04xx the dialogue graph, 05xx conditions and effects, 07xx
// transcripts, 08xx Learn pages, 09xx the rubric, 12xx marker-spotting flags.
#define IMPASSE_DIAGNOSTIC_CODES(X)                                                             \
    X(cannot_read, "IMP0001", error, "cannot read the file")                                    \
    X(file_too_large, "IMP0002", error, "file too large")                                       \
    X(not_utf8, "IMP0003", error, "not UTF-8 text")                                             \
    X(nested_too_deeply, "IMP0004", error, "nested too deeply")                                 \
    X(yaml_syntax, "IMP0005", error, "YAML syntax")                                             \
    X(too_many_aliases, "IMP0006", error, "too many aliases")                                   \
    X(duplicate_key, "IMP0007", error, "duplicate key")                                         \
    X(second_document, "IMP0008", error, "a second document")                                   \
    X(merge_key, "IMP0009", error, "merge key")                                                 \
    X(too_many_values, "IMP0010", error, "too many values")                                     \
    X(control_character, "IMP0011", error, "control character")                                 \
    X(not_a_scenario, "IMP0101", error, "not a scenario file")                                  \
    X(unknown_key, "IMP0102", error, "unknown key")                                             \
    X(missing_key, "IMP0103", error, "missing key")                                             \
    X(wrong_type, "IMP0104", error, "wrong type")                                               \
    X(out_of_range, "IMP0105", error, "out of range")                                           \
    X(bad_identifier, "IMP0106", error, "bad identifier")                                       \
    X(unknown_marker, "IMP0201", error, "unknown marker")                                       \
    X(unknown_principle, "IMP0202", error, "unknown principle")                                 \
    X(unknown_strategy, "IMP0203", error, "unknown strategy")                                   \
    X(unknown_stage, "IMP0204", error, "unknown stage")                                         \
    X(unknown_counter_marker, "IMP0205", error, "unknown counter-marker")                       \
    X(unknown_feeling, "IMP0206", error, "unknown feeling or urge")                             \
    X(unknown_orientation, "IMP0207", error, "unknown orientation")                             \
    X(unknown_ending_or_type, "IMP0208", error, "unknown ending kind or rupture type")          \
    X(unknown_move, "IMP0209", error, "unknown move")                                           \
    X(duplicate_response, "IMP0301", error, "duplicate response id")                            \
    X(scenario_id_taken, "IMP0302", error, "scenario id already used")                          \
    X(several_experts, "IMP0303", error, "more than one expert response")                       \
    X(dangling_link, "IMP0401", error, "link to a node that does not exist")                    \
    X(unreachable_node, "IMP0402", warning, "unreachable node")                                 \
    X(no_ending_reachable, "IMP0403", error, "no ending reachable")                             \
    X(node_shape, "IMP0404", error, "neither responses nor ending, or both")                    \
    X(rupture_without_repair, "IMP0405", warning, "a rupture with no repair option")            \
    X(moment_without_expert, "IMP0406", error, "moment drill without an expert answer")         \
    X(no_option_possible, "IMP0407", error, "no option can ever be taken")                      \
    X(condition_syntax, "IMP0501", error, "condition syntax")                                   \
    X(unknown_name, "IMP0502", error, "unknown name in a condition")                            \
    X(bad_effect, "IMP0503", error, "bad effect")                                               \
    X(bad_transcript, "IMP0701", error, "unreadable transcript")                                \
    X(page_header, "IMP0801", error, "header missing or not closed")                            \
    X(page_header_line, "IMP0802", error, "header line without a colon")                        \
    X(page_header_key, "IMP0803", error, "unknown header key")                                  \
    X(page_header_field, "IMP0804", error, "header field missing")                              \
    X(pages_unreadable, "IMP0805", error, "Learn folder or page unreadable")                    \
    X(duplicate_page, "IMP0806", error, "duplicate page id")                                    \
    X(rubric_type, "IMP0903", error, "rubric value of the wrong type")                          \
    X(rubric_unknown_key, "IMP0904", error, "unknown rubric key")                               \
    X(rubric_unknown_id, "IMP0905", error, "id not in the vocabulary")                          \
    X(rubric_missing, "IMP0906", error, "rubric section or entry missing")                      \
    X(rubric_pattern, "IMP0907", error, "phrase pattern cannot be compiled")                    \
    X(rubric_range, "IMP0908", error, "rubric number out of range")                             \
    X(rubric_feature, "IMP0910", error, "unknown feature")                                      \
    X(rubric_format, "IMP0911", error, "not a rubric file")                                     \
    X(rubric_signal_shape, "IMP0913", error, "signal with both or neither pattern and feature") \
    X(rubric_no_signals, "IMP0914", warning, "entry without signals")                           \
    X(flag_line, "IMP1201", error, "flag line is not TURN MARKER_ID")                           \
    X(flag_turn, "IMP1202", error, "flag turn is not a positive whole number")                  \
    X(flag_marker, "IMP1203", error, "flag marker id unknown")                                  \
    X(flag_turn_missing, "IMP1204", error, "flagged turn not on the sheet")                     \
    X(flag_none_and_marker, "IMP1205", error, "turn flagged none and a marker")

namespace codes {
#define IMPASSE_DIAGNOSTIC_CONSTANT(name, code, severity, title) \
    inline constexpr const char* name = code;
IMPASSE_DIAGNOSTIC_CODES(IMPASSE_DIAGNOSTIC_CONSTANT)
#undef IMPASSE_DIAGNOSTIC_CONSTANT
}  // namespace codes

struct DiagnosticDescriptor {
    const char* code;  // "IMP0102"
    Severity severity;
    const char* title;  // as the code's heading in the docs
};

// Every code, in ascending order.
const DiagnosticDescriptor* diagnostic_codes_begin();
const DiagnosticDescriptor* diagnostic_codes_end();

// The code's descriptor, or nullptr when `code` is not in the table.
const DiagnosticDescriptor* find_diagnostic_code(std::string_view code);

}  // namespace impasse
