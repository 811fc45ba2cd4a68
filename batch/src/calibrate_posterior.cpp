// Reading the posterior of a calibration file and drawing from it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "cogov/batch/calibrate_run.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/rng.h"

namespace cogov {

Posterior read_posterior(const std::string& path)
{
    const h5::File f = h5::File::open(path);
    check_format(f, CALIBRATION_FORMAT, "calibration file", CALIBRATION_FORMAT_VERSION);
    Posterior p;
    p.path = path;
    for (const auto& key : f.read_strings("/parameter")) {
        const ParamSpec* spec = find_param(key);
        if (!spec) throw h5::Error(path + ": unknown parameter " + key + " (written by another cogov version?)");
        p.parameters.push_back(spec);
    }
    const auto theta = f.read<double>("/generations/theta");
    const auto weight = f.read<double>("/generations/weight");
    if (theta.shape.size() != 3 || theta.shape[2] != p.parameters.size() || weight.shape.size() != 2 ||
        weight.shape[0] != theta.shape[0] || weight.shape[1] != theta.shape[1] || theta.shape[0] == 0)
        throw h5::Error(path + ": /generations/theta and /generations/weight do not match");
    const std::size_t n = theta.shape[1], k = theta.shape[2], last = theta.shape[0] - 1;
    if (n == 0 || k == 0) throw h5::Error(path + ": the last generation has no particles or no parameters");
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        p.theta.emplace_back(theta.data.begin() + static_cast<std::ptrdiff_t>((last * n + i) * k),
                             theta.data.begin() + static_cast<std::ptrdiff_t>((last * n + i + 1) * k));
        p.weights.push_back(weight.data[last * n + i]);
        if (!(p.weights.back() >= 0) || !std::isfinite(p.weights.back()))
            throw h5::Error(path + ": /generations/weight of the last generation must be finite and >= 0");
        for (double x : p.theta.back())
            if (!std::isfinite(x)) throw h5::Error(path + ": /generations/theta of the last generation is not finite");
        total += p.weights.back();
    }
    if (!(total > 0)) throw h5::Error(path + ": the last generation's weights sum to 0");
    return p;
}

std::size_t Posterior::draw_index(std::uint64_t seed, std::int64_t r) const
{
    Rng rng(seed, Purpose::calibration, static_cast<std::uint64_t>(r), 0xd4a3ULL);
    double total = 0;
    for (double w : weights) total += w;
    const double u = rng.uniform_double() * total;
    double c = 0;
    for (std::size_t i = 0; i < weights.size(); ++i)
        if ((c += weights[i]) > u) return i;
    return weights.size() - 1;
}

std::vector<std::pair<const ParamSpec*, ParamValue>> Posterior::draw(std::uint64_t seed, std::int64_t r) const
{
    const std::vector<double>& t = theta[draw_index(seed, r)];
    std::vector<std::pair<const ParamSpec*, ParamValue>> out;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        if (parameters[j]->type == ParamType::integer)
            out.emplace_back(parameters[j], static_cast<std::int64_t>(std::llround(t[j])));
        else out.emplace_back(parameters[j], t[j]);
    }
    return out;
}

std::pair<std::vector<SweepParameter>, Design> posterior_design(const std::string& path, std::size_t n,
                                                                std::uint64_t seed, const Origin& where)
{
    Posterior post;
    try {
        post = read_posterior(path);
    } catch (const h5::Error& e) {
        throw ScenarioError(
            {Diagnostic{where, "design.file", std::string("cannot read the calibration posterior: ") + e.what()}});
    }
    std::vector<SweepParameter> params;
    for (const ParamSpec* spec : post.parameters)
        params.push_back(SweepParameter{spec, {}, spec->min, spec->max, where});
    Design d;
    d.type = DesignType::csv;  // points read from a file
    d.k = params.size();
    d.n = n;
    std::vector<Diagnostic> problems;
    for (std::size_t r = 0; r < n; ++r) {
        for (const auto& [spec, value] : post.draw(seed, static_cast<std::int64_t>(r))) {
            if (auto problem = spec->check(value))
                problems.push_back(Diagnostic{where, "design.file",
                                              path + ": draw " + std::to_string(r) + " of " + std::string(spec->key) +
                                                  " is out of range: " + *problem});
            d.values.push_back(std::visit([](auto x) { return static_cast<double>(x); }, value));
        }
        d.group.push_back(static_cast<std::int64_t>(r));
    }
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    d.unit.assign(d.values.size(), std::numeric_limits<double>::quiet_NaN());
    d.role.assign(n, 0);
    d.changed.assign(n, -1);
    return {std::move(params), std::move(d)};
}

}  // namespace cogov
