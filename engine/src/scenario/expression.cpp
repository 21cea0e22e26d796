// The condition language of scenarios (grammar in impasse/expression.h): a recursive-descent
// parser into a small tree, evaluated against a Lookup.
#include "impasse/expression.h"

#include <cctype>
#include <cstdlib>

#include "impasse/utf8.h"

namespace impasse {
namespace {

struct Literal : Expression {
    Value v;
    explicit Literal(Value x) : v(x) {}
    Value evaluate(const Lookup&) const override { return v; }
};

struct Path : Expression {
    std::string path;
    explicit Path(std::string p) : path(std::move(p)) {}
    Value evaluate(const Lookup& lookup) const override {
        auto v = lookup ? lookup(path) : std::nullopt;
        return v ? *v : Value::of(0.0);
    }
};

struct Not : Expression {
    std::shared_ptr<const Expression> e;
    explicit Not(std::shared_ptr<const Expression> x) : e(std::move(x)) {}
    Value evaluate(const Lookup& l) const override {
        return Value::of_bool(!e->evaluate(l).truthy());
    }
};

enum class Op { lt, le, gt, ge, eq, ne, and_, or_ };

struct Binary : Expression {
    Op op;
    std::shared_ptr<const Expression> a, b;
    Binary(Op o, std::shared_ptr<const Expression> x, std::shared_ptr<const Expression> y)
        : op(o), a(std::move(x)), b(std::move(y)) {}
    Value evaluate(const Lookup& l) const override {
        if (op == Op::and_)
            return Value::of_bool(a->evaluate(l).truthy() && b->evaluate(l).truthy());
        if (op == Op::or_)
            return Value::of_bool(a->evaluate(l).truthy() || b->evaluate(l).truthy());
        Value x = a->evaluate(l), y = b->evaluate(l);
        if (op == Op::eq || op == Op::ne) {
            bool same =
                (x.is_bool() || y.is_bool()) ? x.truthy() == y.truthy() : x.number == y.number;
            return Value::of_bool(op == Op::eq ? same : !same);
        }
        double p = x.is_bool() ? (x.boolean ? 1 : 0) : x.number;
        double q = y.is_bool() ? (y.boolean ? 1 : 0) : y.number;
        switch (op) {
            case Op::lt:
                return Value::of_bool(p < q);
            case Op::le:
                return Value::of_bool(p <= q);
            case Op::gt:
                return Value::of_bool(p > q);
            case Op::ge:
                return Value::of_bool(p >= q);
            default:
                return Value::of_bool(false);
        }
    }
};

class Parser {
  public:
    explicit Parser(std::string_view s) : s_(s) {}

    ParsedExpression run() {
        ParsedExpression out;
        auto e = parse_or();
        skip();
        if (e && pos_ < s_.size()) fail("unexpected '" + char_here() + "'");
        if (!error_.empty()) {
            out.error = error_;
            out.error_offset = static_cast<int>(error_pos_);
            return out;
        }
        out.expr = e;
        out.paths = paths_;
        return out;
    }

  private:
    using Ptr = std::shared_ptr<const Expression>;

    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
            ++pos_;
    }
    // The whole character at pos_ for a message (a multi-byte character is never cut in half:
    // the message goes into JSON, which must be valid UTF-8); an invalid byte as \xNN.
    std::string char_here() const {
        size_t len = utf8::decode(s_, pos_).len;
        if (len > 0) return std::string(s_.substr(pos_, len));
        static const char* hex = "0123456789ABCDEF";
        unsigned char b = static_cast<unsigned char>(s_[pos_]);
        return std::string("\\x") + hex[b >> 4] + hex[b & 15];
    }
    void fail(const std::string& msg) {
        if (error_.empty()) {
            error_ = msg;
            error_pos_ = pos_;
        }
    }
    bool word(const char* w) {
        skip();
        size_t n = std::char_traits<char>::length(w);
        if (s_.compare(pos_, n, w) != 0) return false;
        size_t after = pos_ + n;
        if (after < s_.size() &&
            (std::isalnum(static_cast<unsigned char>(s_[after])) || s_[after] == '_'))
            return false;
        pos_ = after;
        return true;
    }
    Ptr parse_or() {
        Ptr a = parse_and();
        while (a && word("or")) {
            Ptr b = parse_and();
            if (!b) return nullptr;
            a = std::make_shared<Binary>(Op::or_, a, b);
        }
        return a;
    }
    Ptr parse_and() {
        Ptr a = parse_unary();
        while (a && word("and")) {
            Ptr b = parse_unary();
            if (!b) return nullptr;
            a = std::make_shared<Binary>(Op::and_, a, b);
        }
        return a;
    }
    Ptr parse_unary() {
        if (++depth_ > 64) {
            fail("the condition is nested too deeply");
            return nullptr;
        }
        Ptr r;
        if (word("not")) {
            Ptr e = parse_unary();
            r = e ? std::make_shared<Not>(e) : nullptr;
        } else {
            r = parse_compare();
        }
        --depth_;
        return r;
    }
    Ptr parse_compare() {
        Ptr a = parse_operand();
        if (!a) return nullptr;
        skip();
        struct {
            const char* text;
            Op op;
        } ops[] = {{"<=", Op::le}, {">=", Op::ge}, {"==", Op::eq},
                   {"!=", Op::ne}, {"<", Op::lt},  {">", Op::gt}};
        for (const auto& o : ops) {
            size_t n = std::char_traits<char>::length(o.text);
            if (s_.compare(pos_, n, o.text) == 0) {
                pos_ += n;
                Ptr b = parse_operand();
                if (!b) return nullptr;
                return std::make_shared<Binary>(o.op, a, b);
            }
        }
        if (pos_ < s_.size() && s_[pos_] == '=') fail("use '==' to compare");
        return a;
    }
    Ptr parse_operand() {
        skip();
        if (pos_ >= s_.size()) {
            fail("the condition ends too early");
            return nullptr;
        }
        char c = s_[pos_];
        if (c == '(') {
            ++pos_;
            Ptr e = parse_or();
            skip();
            if (!e) return nullptr;
            if (pos_ >= s_.size() || s_[pos_] != ')') {
                fail("missing ')'");
                return nullptr;
            }
            ++pos_;
            return e;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
            const char* begin = s_.data() + pos_;
            std::string tmp(begin, s_.size() - pos_);
            char* end = nullptr;
            double v = std::strtod(tmp.c_str(), &end);
            if (end == tmp.c_str()) {
                fail("expected a number");
                return nullptr;
            }
            pos_ += static_cast<size_t>(end - tmp.c_str());
            return std::make_shared<Literal>(Value::of(v));
        }
        if (word("true")) return std::make_shared<Literal>(Value::of_bool(true));
        if (word("false")) return std::make_shared<Literal>(Value::of_bool(false));
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t start = pos_;
            while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                        s_[pos_] == '_' || s_[pos_] == '.' || s_[pos_] == '-'))
                ++pos_;
            std::string path(s_.substr(start, pos_ - start));
            if (path == "and" || path == "or" || path == "not") {
                pos_ = start;
                fail("expected a value before '" + path + "'");
                return nullptr;
            }
            paths_.push_back(path);
            return std::make_shared<Path>(path);
        }
        fail("unexpected '" + char_here() + "'");
        return nullptr;
    }

    std::string_view s_;
    size_t pos_ = 0;
    int depth_ = 0;
    std::string error_;
    size_t error_pos_ = 0;
    std::vector<std::string> paths_;
};

}  // namespace

ParsedExpression parse_expression(std::string_view source) {
    if (source.size() > 2000) {
        ParsedExpression p;
        p.error = "the condition is longer than 2000 characters";
        return p;
    }
    return Parser(source).run();
}

}  // namespace impasse
