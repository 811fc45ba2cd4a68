#include "sweep_layout.h"

#include <cstdio>
#include <limits>

namespace cogov::layout {
namespace {

constexpr double MISSING = std::numeric_limits<double>::quiet_NaN();

//! Where each group's values start in one arm's part of a record (Recorder
//! layout); arm a's part starts at a * width.
struct Offsets {
    std::size_t steps, final, mean, width;
    explicit Offsets(const Sweep& s)
        : steps(static_cast<std::size_t>(s.max_steps)), final(s.record.series.size() * steps),
          mean(final + s.record.final.size()), width(mean + s.record.mean.size())
    {
    }
};

}  // namespace

std::size_t block_rows(const Sweep& sweep)
{
    return std::max<std::size_t>(1, 32768 / std::max<std::size_t>(1, static_cast<std::size_t>(sweep.max_steps)));
}

std::string parameter_path(const ParamSpec& spec)
{
    return "/runs/parameters/" + std::string(spec.key);
}

std::string arm_prefix(std::size_t arm)
{
    return arm == 0 ? "" : "/arms/" + std::to_string(arm);
}

std::string effect_prefix(std::size_t arm)
{
    return "/effects/" + std::to_string(arm);
}

const std::vector<std::string>& record_names(const RecordSpec& spec, const std::string& group)
{
    return group == "series" ? spec.series : group == "final" ? spec.final : spec.mean;
}

std::string id_text(std::uint64_t id)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
    return buf;
}

std::string design_layout_text(const Design& d)
{
    switch (d.type) {
    case DesignType::sobol:
        return "Saltelli: base sample j gives k+2 consecutive points A_j, AB_j^1..AB_j^k, B_j "
               "(group = j, role 0 = A, i = AB_i, k+1 = B); SALib calc_second_order=False order";
    case DesignType::morris:
        return "Morris: trajectory t gives k+1 consecutive points (group = t, role = step); "
               "changed = parameter moved from the previous point, by +-delta in unit space";
    case DesignType::factorial: return "full factorial, first parameter varying slowest";
    case DesignType::latin_hypercube: return "Latin hypercube, one point per stratum of each parameter";
    case DesignType::experiment:
        return "experiment: every lever combination in every sampled future; point = future * combinations + "
               "combination (group = future, role = lever combination)";
    default: return "design matrix read from a CSV file";
    }
}

void write_block(h5::File& f, const Sweep& sweep, const std::vector<RunRecord>& block)
{
    const std::size_t first = block.front().run, n = block.size();
    const Offsets at(sweep);
    std::vector<std::int64_t> point(n), replicate(n), seed(n);
    std::vector<std::int8_t> status(n);
    std::vector<double> wall(n);
    std::vector<std::string> error(n);
    for (std::size_t i = 0; i < n; ++i) {
        const RunRecord& r = block[i];
        point[i] = static_cast<std::int64_t>(sweep.point_of(r.run));
        replicate[i] = sweep.replicate_of(r.run);
        seed[i] = static_cast<std::int64_t>(sweep.run_seed(r.run));
        status[i] = static_cast<std::int8_t>(r.status);
        wall[i] = r.status == RunStatus::missing ? MISSING : r.wall_seconds;
        error[i] = r.error;
    }
    f.write_rows("/runs/point", first, n, point.data());
    f.write_rows("/runs/replicate", first, n, replicate.data());
    f.write_rows("/runs/seed", first, n, seed.data());
    f.write_rows("/runs/status", first, n, status.data());
    f.write_rows("/runs/wall_seconds", first, n, wall.data());
    f.write_string_rows("/runs/error", first, error);
    for (std::size_t j = 0; j < sweep.parameters.size(); ++j) {
        const ParamSpec& spec = *sweep.parameters[j].spec;
        std::vector<double> v(n);
        for (std::size_t i = 0; i < n; ++i) v[i] = sweep.design.value(static_cast<std::size_t>(point[i]), j);
        if (spec.type == ParamType::real) {
            f.write_rows(parameter_path(spec), first, n, v.data());
        } else {
            const std::vector<std::int64_t> ints(v.begin(), v.end());
            f.write_rows(parameter_path(spec), first, n, ints.data());
        }
    }
    auto gather = [&](std::size_t offset, std::size_t width, const std::string& path) {
        std::vector<double> out(n * width, MISSING);
        for (std::size_t i = 0; i < n; ++i)
            if (block[i].status == RunStatus::ok)
                std::copy_n(block[i].values.begin() + static_cast<std::ptrdiff_t>(offset), width,
                            out.begin() + static_cast<std::ptrdiff_t>(i * width));
        f.write_rows(path, first, n, out.data());
    };
    // The paired effect of arm a on a summary: arm a's value minus the base's, run by run.
    auto effect = [&](std::size_t arm, std::size_t offset, const std::string& path) {
        std::vector<double> out(n, MISSING);
        for (std::size_t i = 0; i < n; ++i)
            if (block[i].status == RunStatus::ok)
                out[i] = block[i].values[arm * at.width + offset] - block[i].values[offset];
        f.write_rows(path, first, n, out.data());
    };
    for (std::size_t a = 0; a < sweep.arm_count(); ++a) {
        const std::string arm = arm_prefix(a);
        const std::size_t base = a * at.width;
        for (std::size_t s = 0; s < sweep.record.series.size(); ++s)
            gather(base + s * at.steps, at.steps, arm + "/series/" + sweep.record.series[s]);
        for (std::size_t k = 0; k < sweep.record.final.size(); ++k)
            gather(base + at.final + k, 1, arm + "/final/" + sweep.record.final[k]);
        for (std::size_t k = 0; k < sweep.record.mean.size(); ++k)
            gather(base + at.mean + k, 1, arm + "/mean/" + sweep.record.mean[k]);
        if (a == 0) continue;
        for (std::size_t k = 0; k < sweep.record.final.size(); ++k)
            effect(a, at.final + k, effect_prefix(a) + "/final/" + sweep.record.final[k]);
        for (std::size_t k = 0; k < sweep.record.mean.size(); ++k)
            effect(a, at.mean + k, effect_prefix(a) + "/mean/" + sweep.record.mean[k]);
    }
}

std::vector<RunRecord> read_block(const h5::File& f, const Sweep& sweep, std::size_t first, std::size_t rows)
{
    const Offsets at(sweep);
    const auto status = f.read_rows<std::int8_t>("/runs/status", first, rows);
    const auto wall = f.read_rows<double>("/runs/wall_seconds", first, rows);
    const auto error = f.read_string_rows("/runs/error", first, rows);
    std::vector<RunRecord> out(rows);
    const std::size_t width = at.width * sweep.arm_count();
    for (std::size_t i = 0; i < rows; ++i) {
        out[i].run = first + i;
        if (status[i] < 0 || status[i] > static_cast<std::int8_t>(RunStatus::failed))
            throw h5::InvalidFile(f.path() + ": /runs/status[" + std::to_string(first + i) + "] = " +
                                  std::to_string(status[i]) + ", expected 0 (not run), 1 (finished) or 2 (failed)");
        out[i].status = static_cast<RunStatus>(status[i]);
        out[i].wall_seconds = out[i].status == RunStatus::missing ? 0.0 : wall[i];
        out[i].error = error[i];
        if (out[i].status == RunStatus::ok) out[i].values.resize(width);
    }
    auto scatter = [&](std::size_t offset, std::size_t w, const std::string& path) {
        const auto v = f.read_rows<double>(path, first, rows);
        for (std::size_t i = 0; i < rows; ++i)
            if (out[i].status == RunStatus::ok)
                std::copy_n(v.begin() + static_cast<std::ptrdiff_t>(i * w), w,
                            out[i].values.begin() + static_cast<std::ptrdiff_t>(offset));
    };
    for (std::size_t a = 0; a < sweep.arm_count(); ++a) {
        const std::string arm = arm_prefix(a);
        const std::size_t base = a * at.width;
        for (std::size_t s = 0; s < sweep.record.series.size(); ++s)
            scatter(base + s * at.steps, at.steps, arm + "/series/" + sweep.record.series[s]);
        for (std::size_t k = 0; k < sweep.record.final.size(); ++k)
            scatter(base + at.final + k, 1, arm + "/final/" + sweep.record.final[k]);
        for (std::size_t k = 0; k < sweep.record.mean.size(); ++k)
            scatter(base + at.mean + k, 1, arm + "/mean/" + sweep.record.mean[k]);
    }
    return out;
}

}  // namespace cogov::layout
