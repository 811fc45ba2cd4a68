// The Python module _cogov: shared pieces of its translation units.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <exception>
#include <string>

#include "cogov/sim/params.h"
#include "cogov/sim/scenario.h"

namespace cogov::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_scenario(py::module_& m);
void bind_model(py::module_& m);
void bind_views(py::module_& m);
void bind_runs(py::module_& m);

//! A Python value as a parameter's value: bool, int (also for reals) or
//! float. A ScenarioError located at `where` (as the CLI would say it)
//! when it is none of these or of the wrong type.
ParamValue param_value(const ParamSpec& spec, py::handle value, const Origin& where);
//! The spec of a key, or a ScenarioError "unknown key; did you mean ...".
const ParamSpec& param_spec(const std::string& key, const Origin& where);
//! Every parameter of `p` as {key: value}, in table order.
py::dict params_dict(const Params& p);

//! Run `work(stop)` on a worker thread without the GIL while this thread
//! watches for signals: Ctrl-C (a KeyboardInterrupt from a signal handler)
//! sets `stop`, which the engine sees between weeks or runs, and is
//! raised here once the worker has stopped.
template <class Work>
auto without_gil_interruptibly(Work&& work) -> decltype(work(static_cast<const std::atomic<bool>*>(nullptr)));

}  // namespace cogov::python

#include "interrupt.h"
