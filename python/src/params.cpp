// The Python module _cogov: Python values as the engine's parameters, and
// back (bindings.h declares them; module.cpp and model.cpp use them).
#include <pybind11/stl.h>

#include "bindings.h"

namespace cogov::python {

const ParamSpec& param_spec(const std::string& key, const Origin& where)
{
    if (const ParamSpec* spec = find_param(key)) return *spec;
    throw ScenarioError({unknown_param(where, key)});
}

namespace {

//! A Python value as the engine's raw input: bool, int, float; anything
//! else (a str included: TOML text belongs in load_scenario's set=) is
//! refused by ParamSpec::read naming what it is.
RawValue raw_value(py::handle given)
{
    py::object value = py::reinterpret_borrow<py::object>(given);
    // NumPy scalars (numpy.int64, numpy.float32, numpy.bool_, 0-d arrays) as Python ones.
    if (py::hasattr(value, "dtype") && py::hasattr(value, "shape") && py::len(value.attr("shape")) == 0)
        value = value.attr("item")();
    if (py::isinstance<py::bool_>(value)) return RawValue::of(value.cast<bool>());
    if (py::isinstance<py::int_>(value)) {
        try {
            return RawValue::of(value.cast<std::int64_t>());
        } catch (const py::cast_error&) {
            return RawValue::of(value.cast<double>());
        }
    }
    if (py::isinstance<py::float_>(value)) return RawValue::of(value.cast<double>());
    return RawValue::other(py::cast<std::string>(py::repr(value)));
}

}  // namespace

ParamValue param_value(const ParamSpec& spec, py::handle value, const Origin& where)
{
    ParamRead read = spec.read(raw_value(value), where);
    if (auto* d = std::get_if<Diagnostic>(&read)) throw ScenarioError({std::move(*d)});
    return std::get<ParamValue>(read);
}

py::dict params_dict(const Params& p)
{
    py::dict out;
    for (const auto& spec : param_table()) out[py::str(std::string(spec.key))] = py::cast(spec.get(p));
    return out;
}

}  // namespace cogov::python
