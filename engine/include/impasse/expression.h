// Conditions in scenarios: a small expression language, parsed once at load time.
//
// Grammar (whitespace-insensitive):
//   expr    := or
//   or      := and ( "or" and )*
//   and     := unary ( "and" unary )*
//   unary   := "not" unary | compare
//   compare := operand ( ("<" | "<=" | ">" | ">=" | "==" | "!=") operand )?
//   operand := NUMBER | "true" | "false" | PATH | "(" expr ")"
//   PATH    := alliance.bond | alliance.task | alliance.goal | alliance.mean
//            | affect.valence | affect.arousal | vars.NAME | visits.NODE_ID | turn
// A bare operand is true when it is a true boolean or a non-zero number.
// Examples: "alliance.bond < 0.4", "vars.pushed and visits.opening > 1", "not vars.named_it".
//
// Parsing returns a value (never throws); evaluation takes a lookup function that answers a
// PATH, so the expression knows nothing about sessions. Expressions are immutable and can be
// shared between threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/value.h"

namespace impasse {

// Answers a PATH; std::nullopt for an unknown one (which then evaluates as the number 0).
using Lookup = std::function<std::optional<Value>(std::string_view path)>;

class Expression {
  public:
    virtual ~Expression() = default;
    virtual Value evaluate(const Lookup& lookup) const = 0;
};

struct ParsedExpression {
    std::shared_ptr<const Expression> expr;  // null when `error` is set
    std::string error;                       // empty on success
    int error_offset = 0;                    // byte offset of the error in the source
    std::vector<std::string> paths;          // every PATH the expression reads, in order
};

ParsedExpression parse_expression(std::string_view source);

}  // namespace impasse
