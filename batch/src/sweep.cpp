// Sweep: seeds, design points as scenarios, fingerprint, run order, shards.
#include "cogov/batch/sweep.h"

#include <cstring>
#include <stdexcept>

#include "cogov/sim/rng.h"

namespace cogov {
namespace {

//! FNV-1a, 64 bits.
class Fingerprint {
public:
    void add(const void* data, std::size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ULL;
    }
    void add(const std::string& s)
    {
        add(s.data(), s.size());
        add(std::uint64_t(s.size()));
    }
    template <class T>
    void add(const T& v) requires std::is_arithmetic_v<T>
    {
        add(&v, sizeof v);
    }
    template <class T>
    void add(const std::vector<T>& v)
    {
        add(v.data(), v.size() * sizeof(T));
        add(std::uint64_t(v.size()));
    }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

std::uint64_t bit_reverse(std::uint64_t x, int bits)
{
    std::uint64_t r = 0;
    for (int b = 0; b < bits; ++b) r |= ((x >> b) & 1u) << (bits - 1 - b);
    return r;
}

}  // namespace

const char* design_name(DesignType type)
{
    switch (type) {
    case DesignType::factorial: return "factorial";
    case DesignType::latin_hypercube: return "latin_hypercube";
    case DesignType::sobol: return "sobol";
    case DesignType::morris: return "morris";
    case DesignType::experiment: return "experiment";
    default: return "csv";
    }
}

std::uint64_t Sweep::run_seed(std::size_t run) const
{
    const std::uint64_t point = common_seeds ? 0 : point_of(run);
    const auto rep = static_cast<std::uint64_t>(replicate_of(run));
    return mix64(seed ^ mix64(point ^ mix64(rep ^ 0x5ee9ULL))) >> 1;
}

std::vector<std::pair<const ParamSpec*, ParamValue>> Sweep::values_for(std::size_t point) const
{
    std::vector<std::pair<const ParamSpec*, ParamValue>> out;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        const ParamSpec* spec = parameters[j].spec;
        const double v = design.value(point, j);
        if (spec->type == ParamType::real) out.emplace_back(spec, v);
        else if (spec->type == ParamType::integer) out.emplace_back(spec, static_cast<std::int64_t>(v));
        else out.emplace_back(spec, v != 0.0);
    }
    return out;
}

Overrides Sweep::overrides_for(std::size_t point) const
{
    Overrides out;
    for (const auto& [spec, value] : values_for(point))
        out.push_back(std::string(spec->key) + "=" + format_value(value));
    return out;
}

Scenario Sweep::scenario_for(std::size_t point) const
{
    return with_values(base, values_for(point), Origin{source + " (design point " + std::to_string(point) + ")", 0, 0});
}

Scenario Sweep::scenario_for(std::size_t point, std::size_t arm) const
{
    if (arm == 0) return scenario_for(point);
    return with_values(
        arms.at(arm - 1).scenario, values_for(point),
        Origin{source + " (arm '" + arms[arm - 1].name + "', design point " + std::to_string(point) + ")", 0, 0});
}

std::uint64_t sweep_fingerprint(const Sweep& sweep)
{
    Fingerprint f;
    f.add(sweep.base_toml);
    for (const auto& p : sweep.parameters) f.add(std::string(p.spec->key));
    const Design& d = sweep.design;
    f.add(static_cast<int>(d.type));
    f.add(d.values);
    f.add(d.group);
    f.add(d.role);
    f.add(d.changed);
    f.add(sweep.replicates);
    f.add(sweep.seed);
    f.add(sweep.common_seeds);
    for (const auto* names : {&sweep.record.series, &sweep.record.final, &sweep.record.mean}) {
        for (const auto& n : *names) f.add(n);
        f.add(std::uint64_t(names->size()));
    }
    f.add(sweep.record.last_weeks);
    // Added with windows and arms; a sweep without them keeps its old fingerprint.
    if (!sweep.record.window.whole_run()) f.add(sweep.record.window.text);
    for (const auto& arm : sweep.arms) f.add(arm.name), f.add(arm.toml);
    if (!sweep.arms.empty()) f.add(sweep.base_arm);
    for (const auto& o : sweep.experiment.outcomes)
        f.add(o.name), f.add(o.maximise), f.add(o.has_threshold), f.add(o.threshold);
    f.add(sweep.max_steps);
    return f.value();
}

std::vector<std::size_t> run_order(const Sweep& sweep)
{
    const std::size_t points = sweep.points(), reps = static_cast<std::size_t>(sweep.replicates);
    int bits = 0;
    while ((std::uint64_t(1) << bits) < points) ++bits;
    std::vector<std::size_t> point_order;
    point_order.reserve(points);
    for (std::uint64_t i = 0; i < (std::uint64_t(1) << bits); ++i) {
        const std::uint64_t p = bit_reverse(i, bits);
        if (p < points) point_order.push_back(static_cast<std::size_t>(p));
    }
    std::vector<std::size_t> order;
    order.reserve(points * reps);
    for (std::size_t r = 0; r < reps; ++r)
        for (std::size_t p : point_order) order.push_back(p * reps + r);
    return order;
}

Shard parse_shard(const std::string& text)
{
    const auto slash = text.find('/');
    std::size_t used_i = 0, used_n = 0;
    Shard s;
    try {
        if (slash == std::string::npos) throw std::invalid_argument("");
        s.index = std::stoul(text.substr(0, slash), &used_i);
        s.count = std::stoul(text.substr(slash + 1), &used_n);
    } catch (const std::exception&) {
        throw std::invalid_argument("shard " + text + ": expected I/N, e.g. 3/10");
    }
    if (used_i != slash || used_n != text.size() - slash - 1 || s.count < 1 || s.index < 1 || s.index > s.count)
        throw std::invalid_argument("shard " + text + ": expected I/N with 1 <= I <= N");
    return s;
}

std::vector<std::size_t> shard_runs(const Sweep& sweep, const Shard& shard)
{
    const auto order = run_order(sweep);
    std::vector<std::size_t> out;
    for (std::size_t k = shard.index - 1; k < order.size(); k += shard.count) out.push_back(order[k]);
    return out;
}

}  // namespace cogov
