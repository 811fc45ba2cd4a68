// ABC-SMC: generations of weighted particles, candidates in batches.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "calibrate_kernel.h"
#include "cogov/batch/calibrate.h"
#include "cogov/sim/rng.h"

namespace cogov {
namespace {

constexpr int MAX_PROPOSALS = 100000;  //!< kernel draws per candidate before giving up on the support

//! Sweep::run_seed of replicate 0 of point `index` of a sweep seeded with `seed`.
std::uint64_t candidate_seed(std::uint64_t seed, std::int64_t index)
{
    return mix64(seed ^ mix64(static_cast<std::uint64_t>(index) ^ mix64(0 ^ 0x5ee9ULL))) >> 1;
}

bool inside(const std::vector<Prior>& priors, const std::vector<double>& work)
{
    for (std::size_t j = 0; j < priors.size(); ++j)
        if (priors[j].density_work(work[j]) <= 0) return false;
    return true;
}

//! The previous generation as the proposal of the next one.
struct Proposal {
    const Generation* previous = nullptr;   //!< null: the prior
    std::vector<std::vector<double>> work;  //!< previous particles, working coordinates
    std::vector<double> cdf;                //!< cumulative weights
    std::optional<GaussianKernel> kernel;
};

Proposal make_proposal(const std::vector<Prior>& priors, const Generation* previous)
{
    Proposal p;
    p.previous = previous;
    if (!previous) return p;
    double c = 0;
    for (std::size_t i = 0; i < previous->theta.size(); ++i) {
        std::vector<double> u(priors.size());
        for (std::size_t j = 0; j < priors.size(); ++j) u[j] = priors[j].to_work(previous->theta[i][j]);
        p.work.push_back(std::move(u));
        p.cdf.push_back(c += previous->weights[i]);
    }
    p.kernel.emplace(p.work, previous->weights);
    return p;
}

//! Candidate `index` of `generation`: from the prior, or a resampled and
//! perturbed particle, from its own stream.
Candidate make_candidate(const std::vector<Prior>& priors, const Proposal& p, const AbcConfig& config,
                         std::int64_t generation, std::int64_t index)
{
    Candidate c;
    c.generation = generation;
    c.index = index;
    c.seed = candidate_seed(batch_seed(config.seed, generation, index / config.batch), index % config.batch);
    Rng rng(config.seed, Purpose::calibration, static_cast<std::uint64_t>(index),
            static_cast<std::uint64_t>(generation));
    if (!p.previous) {
        for (const auto& prior : priors) c.theta.push_back(prior.sample(rng));
        return c;
    }
    for (int attempt = 0; attempt < MAX_PROPOSALS; ++attempt) {
        const double u = rng.uniform_double() * p.cdf.back();
        const auto parent =
            std::min<std::size_t>(std::upper_bound(p.cdf.begin(), p.cdf.end(), u) - p.cdf.begin(), p.cdf.size() - 1);
        const std::vector<double> moved = p.kernel->perturb(p.work[parent], rng);
        if (!inside(priors, moved)) continue;
        c.parent = static_cast<std::int64_t>(parent);
        for (std::size_t j = 0; j < priors.size(); ++j) c.theta.push_back(priors[j].from_work(moved[j]));
        return c;
    }
    throw std::runtime_error("ABC-SMC: the kernel proposed no candidate inside the priors' support in " +
                             std::to_string(MAX_PROPOSALS) + " draws");
}

//! Importance weights prior(theta_i) / sum_j w_j K(theta_i | theta_j), normalised.
void weigh(const std::vector<Prior>& priors, const Proposal& p, const AbcConfig& config, Generation& g)
{
    const std::size_t n = g.theta.size();
    g.weights.assign(n, 1.0);
    if (p.previous && config.importance_weights) {
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> u(priors.size());
            double prior = 1.0;
            for (std::size_t j = 0; j < priors.size(); ++j) {
                u[j] = priors[j].to_work(g.theta[i][j]);
                prior *= priors[j].density_work(u[j]);
            }
            double mix = 0;
            for (std::size_t m = 0; m < p.work.size(); ++m)
                mix += p.previous->weights[m] * p.kernel->density(u, p.work[m]);
            g.weights[i] = prior / mix;
        }
    }
    double total = 0;
    for (double w : g.weights) total += w;
    for (double& w : g.weights) w /= total;
}

void check(const std::vector<Prior>& priors, const AbcConfig& c)
{
    if (priors.empty()) throw std::invalid_argument("ABC-SMC: no parameters");
    for (const auto& p : priors)
        if (auto problem = p.problem(); !problem.empty()) throw std::invalid_argument("ABC-SMC: " + problem);
    if (c.particles < 2 || c.batch < 1 || c.max_generations < 1 || !(c.alpha > 0 && c.alpha < 1) ||
        !(c.min_acceptance >= 0 && c.min_acceptance < 1) || !(c.first_epsilon > 0))
        throw std::invalid_argument(
            "ABC-SMC: bad configuration (particles >= 2, batch >= 1, generations >= 1, "
            "0 < alpha < 1, 0 <= min_acceptance < 1, first epsilon > 0)");
}

//! The alpha-quantile of the accepted distances (lower order statistic).
double next_epsilon(std::vector<double> d, double alpha)
{
    std::sort(d.begin(), d.end());
    const auto k = static_cast<std::size_t>(std::ceil(alpha * static_cast<double>(d.size()))) - 1;
    return d[std::min(k, d.size() - 1)];
}

}  // namespace

const char* stop_name(StopReason reason)
{
    switch (reason) {
    case StopReason::max_generations: return "max_generations";
    case StopReason::min_epsilon: return "min_epsilon";
    case StopReason::min_acceptance: return "min_acceptance";
    default: return "interrupted";
    }
}

std::uint64_t batch_seed(std::uint64_t seed, std::int64_t generation, std::int64_t batch)
{
    return mix64(seed ^
                 mix64(static_cast<std::uint64_t>(generation) ^ mix64(static_cast<std::uint64_t>(batch) ^ 0xab5ULL))) >>
           1;
}

AbcResult abc_smc(const std::vector<Prior>& priors, const AbcConfig& config, const BatchRunner& runner,
                  const DistanceFn& distance, const std::function<void(const AbcProgress&)>& progress)
{
    check(priors, config);
    AbcResult result;
    const double cap = config.min_acceptance > 0
                           ? std::ceil(static_cast<double>(config.particles) / config.min_acceptance)
                           : 1000.0 * static_cast<double>(config.particles);
    double epsilon = config.first_epsilon;
    for (std::int64_t gen = 0; gen < config.max_generations; ++gen) {
        const Proposal proposal =
            make_proposal(priors, result.generations.empty() ? nullptr : &result.generations.back());
        Generation g;
        g.epsilon = epsilon;
        for (std::int64_t batch = 0; static_cast<std::int64_t>(g.theta.size()) < config.particles; ++batch) {
            if (static_cast<double>(batch * config.batch) >= cap) {
                result.stop = StopReason::min_acceptance;  // this generation is abandoned
                return result;
            }
            std::vector<Candidate> cands;
            for (std::int64_t i = 0; i < config.batch; ++i)
                cands.push_back(make_candidate(priors, proposal, config, gen, batch * config.batch + i));
            const std::vector<Stats> stats = runner(gen, batch, cands);
            if (stats.size() < cands.size()) {
                result.stop = StopReason::interrupted;
                return result;
            }
            g.simulated += config.batch;
            result.simulations += config.batch;
            for (std::size_t i = 0; i < cands.size() && static_cast<std::int64_t>(g.theta.size()) < config.particles;
                 ++i) {
                const double d = stats[i].empty() ? std::numeric_limits<double>::infinity() : distance(stats[i]);
                g.candidates = cands[i].index + 1;
                if (!(std::isfinite(d) && d <= epsilon)) continue;
                g.theta.push_back(cands[i].theta);
                g.distances.push_back(d);
                g.stats.push_back(stats[i]);
                g.parents.push_back(cands[i].parent);
                g.seeds.push_back(cands[i].seed);
            }
            if (progress)
                progress(AbcProgress{gen, static_cast<std::int64_t>(g.theta.size()), config.particles, g.candidates,
                                     result.simulations, epsilon});
        }
        g.acceptance = static_cast<double>(g.theta.size()) / static_cast<double>(g.candidates);
        weigh(priors, proposal, config, g);
        result.generations.push_back(std::move(g));
        const Generation& done = result.generations.back();
        if (done.epsilon <= config.min_epsilon) {
            result.stop = StopReason::min_epsilon;
            return result;
        }
        if (done.acceptance < config.min_acceptance) {
            result.stop = StopReason::min_acceptance;
            return result;
        }
        epsilon = next_epsilon(done.distances, config.alpha);
    }
    result.stop = StopReason::max_generations;
    return result;
}

}  // namespace cogov
