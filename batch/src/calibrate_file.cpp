// The calibration file (docs/output-schema.md, "Calibration files").
#include "cogov/batch/calibrate_run.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"

namespace cogov {
namespace {

//! [generation][particle][j] flattened from per-generation rows.
template <class Get>
std::vector<double> stack(const AbcResult& r, std::size_t width, Get get)
{
    std::vector<double> out;
    for (const auto& g : r.generations)
        for (std::size_t i = 0; i < g.weights.size(); ++i)
            for (std::size_t j = 0; j < width; ++j) out.push_back(get(g, i, j));
    return out;
}

void write_setup(h5::File& f, const Calibration& calib)
{
    std::vector<std::string> keys, priors;
    std::vector<double> a, b, lo, hi;
    for (const auto& p : calib.parameters) {
        keys.emplace_back(p.spec->key);
        priors.emplace_back(prior_name(p.prior.kind));
        a.push_back(p.prior.a), b.push_back(p.prior.b), lo.push_back(p.prior.lo), hi.push_back(p.prior.hi);
    }
    const std::size_t k = keys.size(), m = calib.targets.size();
    f.write_strings("/parameter", keys);
    f.make_scale("/parameter", "parameter");
    f.create_group("/prior");
    f.write_strings("/prior/kind", priors);
    f.write("/prior/a", a, {k});
    f.write("/prior/b", b, {k});
    f.write("/prior/lo", lo, {k});
    f.write("/prior/hi", hi, {k});
    std::vector<std::string> ids, series, statistic;
    std::vector<double> estimate, tlo, thi;
    std::vector<std::int64_t> window;
    for (const auto& t : calib.targets) {
        ids.push_back(t.id), series.push_back(t.series);
        statistic.push_back(t.statistic == TargetStatistic::mean ? "mean" : "slope_per_year");
        estimate.push_back(t.estimate), tlo.push_back(t.lo), thi.push_back(t.hi);
        window.push_back(t.first), window.push_back(t.last);
    }
    f.write_strings("/target", ids);
    f.make_scale("/target", "target");
    f.create_group("/targets");
    f.write_strings("/targets/series", series);
    f.write_strings("/targets/statistic", statistic);
    f.write("/targets/estimate", estimate, {m});
    f.write("/targets/lo", tlo, {m});
    f.write("/targets/hi", thi, {m});
    f.write("/targets/window", window, {m, 2});
}

void write_generations(h5::File& f, const Calibration& calib, const AbcResult& r)
{
    const std::size_t gens = r.generations.size(), n = static_cast<std::size_t>(calib.abc.particles);
    const std::size_t k = calib.parameters.size(), m = calib.targets.size();
    std::vector<double> epsilon, acceptance;
    std::vector<std::int64_t> candidates, simulated, parents, seeds;
    for (const auto& g : r.generations) {
        epsilon.push_back(g.epsilon), acceptance.push_back(g.acceptance);
        candidates.push_back(g.candidates), simulated.push_back(g.simulated);
        parents.insert(parents.end(), g.parents.begin(), g.parents.end());
        for (auto s : g.seeds) seeds.push_back(static_cast<std::int64_t>(s));
    }
    f.create_group("/generations");
    f.write("/generations/epsilon", epsilon, {gens});
    f.write("/generations/acceptance", acceptance, {gens});
    f.write("/generations/candidates", candidates, {gens});
    f.write("/generations/simulated", simulated, {gens});
    f.write("/generations/theta",
            stack(r, k, [](const Generation& g, std::size_t i, std::size_t j) { return g.theta[i][j]; }), {gens, n, k});
    f.write("/generations/weight",
            stack(r, 1, [](const Generation& g, std::size_t i, std::size_t) { return g.weights[i]; }), {gens, n});
    f.write("/generations/distance",
            stack(r, 1, [](const Generation& g, std::size_t i, std::size_t) { return g.distances[i]; }), {gens, n});
    f.write("/generations/statistic",
            stack(r, m, [](const Generation& g, std::size_t i, std::size_t j) { return g.stats[i][j]; }), {gens, n, m});
    f.write("/generations/z",
            stack(r, m,
                  [&](const Generation& g, std::size_t i, std::size_t j) {
                      return target_z(calib.targets[j], g.stats[i][j]);
                  }),
            {gens, n, m});
    f.write("/generations/parent", parents, {gens, n});
    f.write("/generations/seed", seeds, {gens, n});
    f.attach_scale("/generations/theta", "/parameter", 2);
    f.attach_scale("/generations/statistic", "/target", 2);
    f.attach_scale("/generations/z", "/target", 2);
}

void write_posterior(h5::File& f, const Calibration& calib, const Generation& g)
{
    std::vector<double> mean, sd, q05, q50, q95;
    for (std::size_t j = 0; j < calib.parameters.size(); ++j) {
        std::vector<double> x;
        for (const auto& t : g.theta) x.push_back(t[j]);
        const WeightedSummary s = summarise(x, g.weights);
        mean.push_back(s.mean), sd.push_back(s.sd), q05.push_back(s.q05), q50.push_back(s.q50), q95.push_back(s.q95);
    }
    const std::size_t k = mean.size();
    f.create_group("/posterior");
    for (const auto& [name, v] : {std::pair{"mean", &mean}, {"sd", &sd}, {"q05", &q05}, {"q50", &q50}, {"q95", &q95}}) {
        f.write(std::string("/posterior/") + name, *v, {k});
        f.attach_scale(std::string("/posterior/") + name, "/parameter", 0);
    }
}

}  // namespace

void write_calibration(const std::string& path, const Calibration& calib, const AbcResult& r, double wall_seconds,
                       bool replace)
{
    PendingFile pending(path, replace);
    {
        h5::File f = h5::File::create(pending.temporary());
        write_common_attributes(f, CALIBRATION_FORMAT, CALIBRATION_FORMAT_VERSION);
        f.set_attr("/", "name", calib.name);
        f.set_attr("/", "seed", static_cast<std::int64_t>(calib.abc.seed));
        f.set_attr("/", "calibration_id", calibration_id(calib));
        f.set_attr("/", "calibration", calib.text);
        f.set_attr("/", "calibration_source", calib.source);
        f.set_attr("/", "scenario", calib.scenario_toml);
        f.set_attr("/", "scenario_name", calib.scenario.name);
        f.set_attr("/", "particles", calib.abc.particles);
        f.set_attr("/", "batch", calib.abc.batch);
        f.set_attr("/", "replicates", calib.replicates);
        f.set_attr("/", "alpha", calib.abc.alpha);
        f.set_attr("/", "distance", std::string("rms_z"));
        f.set_attr("/", "generations", static_cast<std::int64_t>(r.generations.size()));
        f.set_attr("/", "simulations", r.simulations);
        f.set_attr("/", "runs", r.simulations * calib.replicates);
        f.set_attr("/", "stop", std::string(stop_name(r.stop)));
        f.set_attr("/", "wall_seconds", wall_seconds);
        write_setup(f, calib);
        write_generations(f, calib, r);
        write_posterior(f, calib, r.generations.back());
        f.close();
    }
    pending.commit();
}

}  // namespace cogov
