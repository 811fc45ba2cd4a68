// cogov.Model: build a city, step it (without the GIL, Ctrl-C between
// weeks), change live parameters, read this week's metrics.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <stdexcept>

#include "bindings.h"
#include "model_handle.h"

namespace cogov::python {
namespace {

using Clock = std::chrono::steady_clock;

//! How often a long step(n) looks for Ctrl-C (it needs the GIL to do so).
constexpr auto SIGNAL_CHECK_INTERVAL = std::chrono::milliseconds(20);

//! Marks the model busy for the life of a call; refuses a second caller.
class BusyGuard {
public:
    explicit BusyGuard(ModelHandle& h) : h_(h)
    {
        if (h_.busy.exchange(true))
            throw std::runtime_error("the model is being stepped by another thread; wait for that call to return");
    }
    ~BusyGuard() { h_.busy = false; }
    BusyGuard(const BusyGuard&) = delete;
    BusyGuard& operator=(const BusyGuard&) = delete;

private:
    ModelHandle& h_;
};

std::unique_ptr<ModelHandle> make_model(const Scenario& scenario, std::uint64_t seed, int threads)
{
    if (threads < 1) throw py::value_error("threads must be at least 1, got " + std::to_string(threads));
    std::unique_ptr<ModelHandle> h;
    {
        py::gil_scoped_release release;  // building a large city takes a while
        h = std::make_unique<ModelHandle>(scenario, seed, threads);
        const State& s = h->model.state();
        h->community_of.resize(s.residents.size());
        for (std::uint32_t c = 0; c < s.communities.size(); ++c)
            for (std::uint32_t i = 0; i < s.communities[c].size; ++i) h->community_of[s.communities[c].first + i] = c;
    }
    return h;
}

//! Advance `n` weeks without the GIL. Between weeks, at most every
//! SIGNAL_CHECK_INTERVAL, take the GIL to run signal handlers: Ctrl-C
//! raises KeyboardInterrupt after the week in progress, the model intact.
void step(ModelHandle& h, std::int64_t n)
{
    if (n < 0) throw py::value_error("step(n): n must be at least 0, got " + std::to_string(n));
    Model& model = h.model;
    const std::int64_t left = model.steps_total() - model.steps_done();
    if (n > left)
        throw py::value_error("step(" + std::to_string(n) + "): the scenario ends at week " +
                              std::to_string(model.steps_total()) + " and this model is at week " +
                              std::to_string(model.steps_done()) + " (" + std::to_string(left) +
                              " left); load it with set={'time.steps': ...} to run longer");
    BusyGuard guard(h);
    std::int64_t done = 0;
    while (done < n) {
        {
            py::gil_scoped_release release;
            const auto until = Clock::now() + SIGNAL_CHECK_INTERVAL;
            do {
                model.step();
                ++done;
            } while (done < n && Clock::now() < until);
        }
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
}

void set_parameter(ModelHandle& h, const std::string& key, py::handle value)
{
    const Origin where{"live control", 0, 0};
    const ParamSpec& spec = param_spec(key, where);
    const ParamValue v = param_value(spec, value, where);
    BusyGuard guard(h);
    h.model.set_parameter(spec, v);
}

//! This week's metrics: {name: value} for the city, or {name: array over
//! communities}; names as in series_names() (metrics, then trust cells).
py::dict metrics(ModelHandle& h, const std::string& level)
{
    BusyGuard guard(h);  // not while another thread steps it
    const Model& model = h.model;
    const std::size_t n = series_names().size();
    py::dict out;
    if (level == "city") {
        const Counters city = model.city_counters();
        for (std::size_t k = 0; k < n; ++k) out[py::str(series_names()[k])] = series_value(city, k);
        return out;
    }
    if (level != "communities") throw py::value_error("level is 'city' or 'communities', got '" + level + "'");
    const auto communities = static_cast<py::ssize_t>(model.state().communities.size());
    for (std::size_t k = 0; k < n; ++k) {
        py::array_t<double> values(communities);
        auto v = values.mutable_unchecked<1>();
        for (py::ssize_t c = 0; c < communities; ++c)
            v(c) = series_value(model.community_counters(static_cast<std::uint32_t>(c)), k);
        out[py::str(series_names()[k])] = values;
    }
    return out;
}

//! Units and meaning of every series name, for Dataset attributes.
py::dict series_info()
{
    py::dict out;
    for (std::size_t k = 0; k < series_names().size(); ++k)
        out[py::str(series_names()[k])] = py::make_tuple(series_unit(k), series_meaning(k));
    return out;
}

}  // namespace

void bind_model(py::module_& m)
{
    py::class_<ModelHandle>(m, "_Model", "The engine's model; use cogov.Model.")
        .def(py::init(&make_model), py::arg("scenario"), py::arg("seed") = 1, py::arg("threads") = 1)
        .def("step", &step, py::arg("n") = 1,
             "Advance n weeks (default 1): events, then the eight phases, as `cogov run` does.\n"
             "Runs without the GIL (other Python threads go on); Ctrl-C stops it between weeks with\n"
             "KeyboardInterrupt, the model intact at the last whole week (see .week). ValueError when\n"
             "n would pass the scenario's last week.")
        .def("set", &set_parameter, py::arg("key"), py::arg("value"),
             "Change a live (DYNAMIC) parameter from the next week on, as the classroom's controls do:\n"
             "m.set('contracts.p_late', 0.3). Raises ScenarioError for an unknown or fixed parameter, a\n"
             "value of the wrong type or out of range, or a refused combination.")
        .def(
            "get",
            [](const ModelHandle& h, const std::string& key) {
                return py::cast(param_spec(key, Origin{"Model.get", 0, 0}).get(h.model.params()));
            },
            py::arg("key"), "A parameter's value now (the scenario's, changed by events and set() so far)")
        .def_property_readonly(
            "params", [](const ModelHandle& h) { return params_dict(h.model.params()); },
            "Every parameter now, {key: value}")
        .def_property_readonly(
            "week", [](const ModelHandle& h) { return h.model.steps_done(); },
            "Weeks completed (0 before the first step)")
        .def_property_readonly(
            "steps", [](const ModelHandle& h) { return h.model.steps_total(); },
            "The scenario's last week (time.steps)")
        .def_property_readonly(
            "finished", [](const ModelHandle& h) { return h.model.finished(); }, "True once week == steps")
        .def_property_readonly(
            "seed", [](const ModelHandle& h) { return h.model.seed(); }, "The seed the model was built with")
        .def_property_readonly(
            "threads", [](const ModelHandle& h) { return h.model.threads(); },
            "Worker threads; they change speed only, never results")
        .def_property_readonly(
            "scenario", [](const ModelHandle& h) { return h.model.scenario(); },
            "The scenario the model was built from (set() changes are not in it)")
        .def("metrics", &metrics, py::arg("level") = "city",
             "This week's metrics as a dict: level='city' gives {name: float}, level='communities'\n"
             "{name: array over communities}. Names as in the files: the metrics of docs/output-schema.md,\n"
             "then every trust cell 'trust.<truster>.<trustee>' (NaN when no truster of that type exists).")
        .def("_street_metrics", [](ModelHandle& h) {
            BusyGuard guard(h);
            py::dict out;
            const auto streets = static_cast<py::ssize_t>(h.model.state().streets.size());
            for (std::size_t k = 0; k < STREET_METRICS.size(); ++k) {
                py::array_t<double> values(streets);
                auto v = values.mutable_unchecked<1>();
                for (py::ssize_t s = 0; s < streets; ++s)
                    v(s) = h.model.street_counters(static_cast<std::uint32_t>(s))[k];
                out[py::str(std::string(STREET_METRICS[k].name))] = values;
            }
            return out;
        });
    m.def("_series_info", &series_info);
    m.def("_street_series_info", [] {
        py::dict out;
        for (const auto& s : STREET_METRICS) out[py::str(std::string(s.name))] = py::make_tuple(s.unit, s.meaning);
        return out;
    });
}

}  // namespace cogov::python
