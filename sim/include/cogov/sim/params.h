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
#define COGOV_PARAM(sec, name, type, def, lo, hi, unit, when, doc, ...) \
    COGOV_TYPE_##type sec##_##name = def;
#include "cogov/sim/params.def"
#undef COGOV_PARAM
#undef COGOV_TYPE_REAL
#undef COGOV_TYPE_INT
#undef COGOV_TYPE_BOOL

    bool operator==(const Params& other) const;
    bool operator!=(const Params& other) const { return !(*this == other); }
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

//! One row of the table.
struct ParamSpec {
    std::string_view key;      //!< "section.name", as in TOML files
    std::string_view section;  //!< TOML table the key lives in
    std::string_view name;     //!< key within the section
    ParamType type;
    double default_value;      //!< bools as 0/1
    double min;                //!< inclusive lower bound (unused for bools)
    double max;                //!< inclusive upper bound (unused for bools)
    std::string_view unit;
    ParamWhen when;
    std::string_view meaning;
    Evidence evidence;
    std::string_view source;   //!< where the value comes from (short; docs/references.md has the citation)
    double Params::*real_field;
    std::int64_t Params::*int_field;
    bool Params::*bool_field;

    ParamValue get(const Params& p) const;
    void set(Params& p, const ParamValue& v) const;  //!< v must have this spec's type
    //! Empty when v is acceptable; otherwise what was expected.
    std::optional<std::string> check(const ParamValue& v) const;
    std::string type_name() const;     //!< "real", "integer" or "boolean"
    std::string range_text() const;    //!< "[0, 1]" or "true or false"
};

//! All parameters, in declaration (and TOML) order.
const std::vector<ParamSpec>& param_table();
//! The spec for a "section.name" key, or nullptr.
const ParamSpec* find_param(std::string_view key);
//! The table's section names, in order.
const std::vector<std::string_view>& param_sections();
//! Up to `n` known keys closest to an unknown one (edit distance).
std::vector<std::string> closest_param_keys(std::string_view key, std::size_t n = 1);

//! A value as text TOML reads back exactly (shortest round-trip reals).
std::string format_value(const ParamValue& v);

}  // namespace cogov
