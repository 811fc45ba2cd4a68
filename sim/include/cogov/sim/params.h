// The parameter table: every model parameter, declared once in params.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cogov {

//! Parameter value types. A REAL parameter accepts integers as input too.
enum class ParamType { real, integer, boolean };

//! STATIC parameters shape the population and cannot change in a run;
//! DYNAMIC ones may be changed by events and live controls.
enum class ParamWhen { fixed, dynamic };

//! The model's parameters, one field per row of params.def, named
//! `section_name` (e.g. trust_a_gain). Default-constructed = baseline.
struct Params {
#define COGOV_TYPE_REAL double
#define COGOV_TYPE_INT std::int64_t
#define COGOV_TYPE_BOOL bool
#define COGOV_PARAM(sec, name, type, def, lo, hi, unit, when, doc, ...) COGOV_TYPE_##type sec##_##name = def;
#include "cogov/sim/params.def"
#undef COGOV_PARAM
#undef COGOV_TYPE_REAL
#undef COGOV_TYPE_INT
#undef COGOV_TYPE_BOOL

    bool operator==(const Params& other) const;
    bool operator!=(const Params& other) const
    {
        return !(*this == other);
    }
};

//! Where a parameter's value comes from (params.def, docs/references.md).
enum class Evidence {
    unstated,    //!< a row without provenance: refused by a test
    empirical,   //!< from a cited source
    calibrated,  //!< a posterior summary; the source names the posterior file
    assumed,     //!< a modelling assumption, said plainly
};

//! "empirical", "calibrated", "assumed" (or "unstated").
std::string_view evidence_name(Evidence e);

//! A parameter's value, of the type its spec declares.
using ParamValue = std::variant<double, std::int64_t, bool>;

//! Where a value came from: a file position, a command-line override
//! (file "--set") or the parameter table's default (empty file).
struct Origin {
    std::string file;
    int line = 0;              //!< 1-based; 0 when not from a file
    int column = 0;            //!< 1-based; 0 when not from a file
    std::string text() const;  //!< "file:line:column", "--set" or "default"
};

//! One problem found in scenario input.
struct Diagnostic {
    Origin where;
    std::string key;           //!< the offending key, or empty
    std::string message;       //!< what is wrong and what was expected
    std::string text() const;  //!< "file:line:col: error: key: message"
};

//! A parameter value as a reader found it, before it is checked: a TOML
//! node, a JSON value, a CSV cell or `--set` text. Readers build one and
//! hand it to ParamSpec::read, the one place values are checked.
struct RawValue {
    enum class Form {
        real,     //!< a number with a fraction or exponent (TOML float, JSON float)
        integer,  //!< a whole number (TOML or JSON integer)
        boolean,  //!< true or false
        text,     //!< text to be read as a value: a CSV cell, `--set` text
        other,    //!< anything else (a string, a table, an array, ...): refused
    };
    Form form = Form::other;
    double real = 0;
    std::int64_t integer = 0;
    bool boolean = false;
    std::string text;  //!< Form::text: the text; Form::other: what it is ("a string")

    static RawValue of(double x) { return {Form::real, x, 0, false, {}}; }
    static RawValue of(std::int64_t x) { return {Form::integer, 0, x, false, {}}; }
    static RawValue of(bool x) { return {Form::boolean, 0, 0, x, {}}; }
    static RawValue of(const ParamValue& v);
    static RawValue of_text(std::string text) { return {Form::text, 0, 0, false, std::move(text)}; }
    static RawValue other(std::string what) { return {Form::other, 0, 0, false, std::move(what)}; }
};

//! What ParamSpec::read gives: the checked value, or why it was refused.
using ParamRead = std::variant<ParamValue, Diagnostic>;

//! One row of the table.
struct ParamSpec {
    std::string_view key;      //!< "section.name", as in TOML files
    std::string_view section;  //!< TOML table the key lives in
    std::string_view name;     //!< key within the section
    ParamType type;
    double default_value;  //!< bools as 0/1
    double min;            //!< inclusive lower bound (unused for bools)
    double max;            //!< inclusive upper bound (unused for bools)
    std::string_view unit;
    ParamWhen when;
    std::string_view meaning;
    Evidence evidence;
    std::string_view source;  //!< where the value comes from (short; docs/references.md has the citation)
    double Params::*real_field;
    std::int64_t Params::*int_field;
    bool Params::*bool_field;

    //! The one entry point for input: `raw` as a value of this parameter's
    //! type within its range, or a diagnostic at `where` naming the key and
    //! what was expected. Reals accept integers; integers accept integral
    //! reals; booleans accept true/false (and, as text, 1/0). A share or
    //! probability (unit "share" or "probability", range [0, 1]) given as a
    //! percentage (30) is refused with "did you mean 0.3?".
    ParamRead read(const RawValue& raw, const Origin& where) const;

    ParamValue get(const Params& p) const;
    void set(Params& p, const ParamValue& v) const;  //!< v must have this spec's type
    //! Empty when v is acceptable; otherwise what was expected.
    std::optional<std::string> check(const ParamValue& v) const;
    std::string type_name() const;   //!< "real", "integer" or "boolean"
    std::string range_text() const;  //!< "[0, 1]" or "true or false"
};

//! All parameters, in declaration (and TOML) order.
const std::vector<ParamSpec>& param_table();
//! The spec for a "section.name" key, or nullptr.
const ParamSpec* find_param(std::string_view key);
//! The table's section names, in order.
const std::vector<std::string_view>& param_sections();
//! Up to `n` known keys closest to an unknown one (edit distance).
std::vector<std::string> closest_param_keys(std::string_view key, std::size_t n = 1);

//! The one unknown-key diagnostic: "unknown <what>; did you mean 'x'?",
//! suggesting the closest of `candidates` (none when nothing is close).
Diagnostic unknown_key(const Origin& where, const std::string& key, const std::vector<std::string>& candidates,
                       std::string_view what = "key");
//! An unknown parameter key: suggests the closest parameter key, or the
//! full key of a bare name ("a_gain" -> "trust.a_gain"); `extra` adds
//! other names that would be valid where the key was found.
Diagnostic unknown_param(const Origin& where, const std::string& key, std::string_view what = "key",
                         const std::vector<std::string>& extra = {});

//! A value as text TOML reads back exactly (shortest round-trip reals).
std::string format_value(const ParamValue& v);

}  // namespace cogov
