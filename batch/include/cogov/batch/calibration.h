// A calibration file (CALIB.toml, docs/calibration.md): the scenario, the
// targets, the calibrated parameters with their priors and the ABC-SMC
// settings, validated as strictly as scenario files.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cogov/batch/calibrate.h"
#include "cogov/batch/calibrate_targets.h"
#include "cogov/sim/scenario.h"

namespace cogov {

//! One calibrated parameter: a REAL or INT parameter of the table (STATIC
//! or DYNAMIC) and its prior, whose support lies within the table's range.
//! An INT parameter's particles are reals; a run gets the nearest integer.
struct CalibParameter {
    const ParamSpec* spec = nullptr;
    Prior prior;
    Origin origin;
};

struct Calibration {
    std::string source = "<calibration>";  //!< file it was read from
    std::string text;                      //!< that file's text (provenance)
    std::string name;
    std::string scenario_arg;   //!< `scenario` as written
    Scenario scenario;          //!< the calibrated scenario with [set] applied
    std::string scenario_toml;  //!< scenario.to_toml()
    std::string targets_dir;    //!< resolved folder of the target pack
    std::vector<Target> targets;
    std::vector<CalibParameter> parameters;
    AbcConfig abc;
    std::int64_t replicates = 1;  //!< runs per candidate (statistics averaged)
    std::string output;           //!< resolved `output` (empty when not given)

    std::vector<Prior> priors() const;
    //! The series every run records (each target's needed(), without repeats).
    std::vector<std::string> recorded() const;
    //! theta as parameter values of their types (INT rounded to nearest).
    std::vector<std::pair<const ParamSpec*, ParamValue>> values(const std::vector<double>& theta) const;
};

//! How names in a calibration file become paths.
struct CalibrationPaths {
    //! A `scenario` value (a file relative to the calibration file, or a
    //! library name) as a path. Default: a file relative to the calibration
    //! file, else resolve_scenario (cogov/sim/library.h).
    std::function<std::string(const std::string&)> scenario;
    //! The target folder when the file has no `targets_dir`.
    std::string default_targets_dir = "data/targets";
};

//! Read and validate a calibration file; every problem is reported with
//! file:line:column. Throws ScenarioError.
Calibration load_calibration_file(const std::string& path, const CalibrationPaths& paths = {});
Calibration load_calibration_text(const std::string& text, const std::string& source_name,
                                  const CalibrationPaths& paths = {});

}  // namespace cogov
