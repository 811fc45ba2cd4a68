// The Python module _cogov: errors and scenarios; the module definition
// (params.cpp converts the parameters' values). The Python package cogov
// (python/cogov) wraps it.
#include <pybind11/stl.h>

#include "bindings.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/library.h"
#include "cogov/sim/run.h"
#include "cogov/sim/version.h"

namespace cogov::python {
namespace {

PyObject* scenario_error_type = nullptr;  //!< cogov.ScenarioError; lives as long as the interpreter

//! Raise cogov.ScenarioError: str() is one diagnostic per line, as the CLI
//! prints them; `.messages` the same as a list, `.diagnostics` the parts.
void raise_scenario_error(const std::vector<Diagnostic>& diagnostics)
{
    py::list messages, parts;
    std::string text;
    for (const auto& d : diagnostics) {
        messages.append(d.text());
        parts.append(py::cast(d));
        text += (text.empty() ? "" : "\n") + d.text();
    }
    py::object error = py::reinterpret_borrow<py::object>(scenario_error_type)(text);
    error.attr("messages") = messages;
    error.attr("diagnostics") = parts;
    PyErr_SetObject(scenario_error_type, error.ptr());
}

//! A refused request with its remedy in Python's words (the command line
//! says --force and --resume; cli/src/cli.cpp).
std::string phrase(const RequestError& e)
{
    switch (e.remedy()) {
    case Remedy::none: break;
    case Remedy::replace: return std::string(e.what()) + "; pass force=True to replace it";
    case Remedy::resume_or_replace:
        return std::string(e.what()) + "; pass resume=True to continue it or force=True to start over";
    }
    return e.what();
}

void translate(std::exception_ptr p)
{
    try {
        if (p) std::rethrow_exception(p);
    } catch (const ScenarioError& e) {
        raise_scenario_error(e.diagnostics());
    } catch (const RequestError& e) {
        PyErr_SetString(PyExc_ValueError, phrase(e).c_str());
    } catch (const h5::Error& e) {
        PyErr_SetString(PyExc_OSError, e.what());
    } catch (const Interrupted& e) {
        PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
}

py::list events_list(const Scenario& s)
{
    py::list out;
    for (const auto& e : s.events) {
        py::dict sets;
        for (const auto& [spec, value] : e.sets) sets[py::str(std::string(spec->key))] = py::cast(value);
        out.append(py::dict(py::arg("step") = e.step, py::arg("note") = e.note, py::arg("set") = sets,
                            py::arg("origin") = e.origin.text()));
    }
    return out;
}

Scenario scenario_with_values(const Scenario& s, const py::dict& values)
{
    const Origin where{"with_values", 0, 0};
    std::vector<std::pair<const ParamSpec*, ParamValue>> sets;
    for (const auto& [key, value] : values) {
        const ParamSpec& spec = param_spec(py::cast<std::string>(key), where);
        sets.emplace_back(&spec, param_value(spec, value, where));
    }
    return with_values(s, sets, where);
}

}  // namespace

void bind_errors(py::module_& m)
{
    py::class_<Diagnostic>(m, "Diagnostic", "One problem found in scenario input: where, which key, what is wrong.")
        .def_property_readonly(
            "file", [](const Diagnostic& d) { return d.where.file; },
            "File, or '--set' / 'live control' / 'with_values' for values given in code")
        .def_property_readonly(
            "line", [](const Diagnostic& d) { return d.where.line; }, "1-based; 0 when not from a file")
        .def_property_readonly(
            "column", [](const Diagnostic& d) { return d.where.column; }, "1-based; 0 when not from a file")
        .def_readonly("key", &Diagnostic::key, "The offending key, or ''")
        .def_readonly("message", &Diagnostic::message, "What is wrong and what was expected")
        .def("__str__", &Diagnostic::text)
        .def("__repr__", [](const Diagnostic& d) { return "<cogov.Diagnostic " + d.text() + ">"; });
    py::object value_error = py::reinterpret_borrow<py::object>(PyExc_ValueError);
    py::object type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type))(
        "ScenarioError", py::make_tuple(value_error),
        py::dict(py::arg("__module__") = "cogov",
                 py::arg("__doc__") = "Scenario input was refused (a ValueError). str(error) has one problem per line, "
                                      "as the command line prints them ('file:line:column: error: key: message'); "
                                      "error.messages is the same as a list, error.diagnostics the parts "
                                      "(cogov.Diagnostic: file, line, column, key, message).",
                 py::arg("messages") = py::list(), py::arg("diagnostics") = py::list()));
    scenario_error_type = type.release().ptr();
    m.attr("ScenarioError") = py::handle(scenario_error_type);
    py::register_exception_translator(translate);
}

void bind_scenario(py::module_& m)
{
    py::class_<Scenario>(m, "Scenario",
                         "A validated, immutable scenario: parameters at week 0 and scheduled events.\n"
                         "Made by cogov.load_scenario(); scenario['key'] reads one parameter.")
        .def_readonly("name", &Scenario::name, "The scenario's name (names comparison arms)")
        .def_readonly("description", &Scenario::description, "One line on what it encodes")
        .def_readonly("source", &Scenario::source, "The file it was loaded from")
        .def_property_readonly(
            "steps", [](const Scenario& s) { return s.params.time_steps; }, "Weeks to simulate (time.steps)")
        .def_property_readonly(
            "params", [](const Scenario& s) { return params_dict(s.params); },
            "Every parameter at week 0 as {key: value}, in the table's order")
        .def_property_readonly("events", &events_list,
                               "Scheduled events: [{'step', 'note', 'set': {key: value}, 'origin'}], by step")
        .def(
            "__getitem__",
            [](const Scenario& s, const std::string& key) {
                return py::cast(param_spec(key, Origin{"scenario[...]", 0, 0}).get(s.params));
            },
            "The value of one parameter at week 0, e.g. scenario['committee.delegated_items']")
        .def("to_toml", &Scenario::to_toml,
             "Self-contained TOML (every parameter, every event) that loads back to this scenario")
        .def("with_values", &scenario_with_values, py::arg("values"),
             "A copy with parameters set from the start, validated like a loaded scenario:\n"
             "scenario.with_values({'time.steps': 52}). Raises ScenarioError.")
        .def("__eq__",
             [](const Scenario& a, const Scenario& b) { return a.params == b.params && a.to_toml() == b.to_toml(); })
        .def("__repr__", [](const Scenario& s) {
            return "<cogov.Scenario '" + s.name + "' from " + s.source + ", " + std::to_string(s.params.time_steps) +
                   " weeks, " + std::to_string(s.events.size()) + " events>";
        });

    m.def(
        "_load_scenario",
        [](const std::optional<std::string>& path, const Overrides& overrides) {
            return path ? load_scenario_file(resolve_scenario(*path), overrides) : builtin_baseline(overrides);
        },
        py::arg("path"), py::arg("overrides"));
    m.def(
        "_load_scenario_text",
        [](const std::string& text, const std::string& source, const Overrides& overrides) {
            return load_scenario_text(text, source, overrides);
        },
        py::arg("text"), py::arg("source"), py::arg("overrides"));
    m.def(
        "library_dir", [] { return library_dir().string(); },
        "The scenario library folder: $COGOV_SCENARIOS (which `import cogov` sets to the build tree's\n"
        "share/cogov/scenarios when unset), else <program folder>/../share/cogov/scenarios");
    m.def("_resolve_scenario", &resolve_scenario, py::arg("name"));
    m.def("_library_entries", [] {
        py::dict out;
        for (const auto& e : library_entries(library_dir())) out[py::str(e.name)] = e.description;
        return out;
    });
}

}  // namespace cogov::python

PYBIND11_MODULE(_cogov, m)
{
    namespace cp = cogov::python;
    m.doc() = "The cogov engine (C++) for Python; use the package cogov, which wraps this module.";
    m.attr("__version__") = cogov::version();
    m.attr("git_commit") = cogov::git_commit();
    cp::bind_errors(m);
    cp::bind_scenario(m);
    cp::bind_views(m);
    cp::bind_model(m);
    cp::bind_runs(m);
}
