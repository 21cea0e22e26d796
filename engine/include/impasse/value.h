// Value: the type of a scenario variable and of an expression's result — a number or a boolean.
#pragma once

#include <string>

namespace impasse {

struct Value {
    enum class Kind { number, boolean };
    Kind kind = Kind::number;
    double number = 0.0;
    bool boolean = false;

    static Value of(double d) { return Value{Kind::number, d, false}; }
    static Value of_bool(bool b) { return Value{Kind::boolean, 0.0, b}; }
    bool is_number() const { return kind == Kind::number; }
    bool is_bool() const { return kind == Kind::boolean; }
    // Truthiness: a boolean as it is, a number when it is not 0.
    bool truthy() const { return is_bool() ? boolean : number != 0.0; }
    // "true", "false" or the number in shortest form ("0.25", "3").
    std::string to_string() const;
    bool operator==(const Value& o) const {
        return kind == o.kind && (is_bool() ? boolean == o.boolean : number == o.number);
    }
    bool operator!=(const Value& o) const { return !(*this == o); }
};

}  // namespace impasse
