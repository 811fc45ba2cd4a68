// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC):
// the core, independent of cogov. See docs/calibration.md.
//
// Population Monte Carlo ABC after Beaumont, Cornuet, Marin and Robert
// (2009), "Adaptive approximate Bayesian computation", Biometrika 96(4):
// weighted particles; a candidate of generation t > 0 is a particle of
// generation t-1 drawn by weight and moved by a Gaussian kernel with twice
// the weighted particle covariance; an accepted candidate's weight is
// prior(theta) / sum_j w_j K(theta | theta_j). The tolerance adapts as in
// Del Moral, Doucet and Jasra (2012), "An adaptive sequential Monte Carlo
// method for approximate Bayesian computation", Statistics and Computing
// 22(5): the next epsilon is the alpha-quantile of the accepted distances.
//
// Determinism: a candidate's randomness (which particle, its perturbation,
// its simulation seed) comes from (seed, generation, candidate index)
// through the engine's streams (cogov/sim/rng.h). Candidates are made in
// fixed-size batches and the first N accepted in candidate-index order are
// kept, so the posterior does not depend on threads, ranks or timing.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace cogov {

class Rng;

enum class PriorKind { uniform, log_uniform, normal, beta };

//! "uniform", "log_uniform", "normal" or "beta".
const char* prior_name(PriorKind kind);

//! A prior on one parameter, on [lo, hi]. uniform and log_uniform: a = lo,
//! b = hi (log_uniform needs lo > 0); normal: mean a, sd b, truncated to
//! [lo, hi]; beta: shapes a, b, on [lo, hi] (default [0, 1]) rescaled.
//! Particles live in a working coordinate: log(x) for log_uniform, x
//! otherwise; the kernel moves them there.
struct Prior {
    PriorKind kind = PriorKind::uniform;
    double a = 0, b = 1;
    double lo = 0, hi = 1;

    //! Empty when the prior is well formed; otherwise what is wrong.
    std::string problem() const;
    //! The working coordinate of a value, and back.
    double to_work(double x) const;
    double from_work(double u) const;
    //! Density in the working coordinate, unnormalised, 0 outside [lo, hi].
    double density_work(double u) const;
    //! A value drawn from the prior (natural coordinate).
    double sample(Rng& rng) const;
};

//! The statistics of one simulation; empty: the simulation failed (the
//! candidate is rejected).
using Stats = std::vector<double>;

//! One candidate: its parameter values (natural coordinate) and the seed
//! its simulation uses.
struct Candidate {
    std::int64_t generation = 0;
    std::int64_t index = 0;    //!< within the generation, from 0
    std::int64_t parent = -1;  //!< particle of the previous generation, -1 from the prior
    std::vector<double> theta;
    std::uint64_t seed = 0;  //!< simulation seed (63 bits)
};

//! Simulates a batch of candidates (generation, batch number, candidates in
//! index order) and returns their statistics in the same order.
using BatchRunner = std::function<std::vector<Stats>(std::int64_t generation, std::int64_t batch,
                                                     const std::vector<Candidate>& candidates)>;
//! The distance of a candidate's statistics from the data (>= 0;
//! infinity: rejected).
using DistanceFn = std::function<double(const Stats& stats)>;

struct AbcConfig {
    std::int64_t particles = 500;       //!< N accepted per generation
    std::int64_t batch = 64;            //!< candidates per batch (part of the result's identity)
    std::int64_t max_generations = 10;  //!< generations including the prior one (0)
    double alpha = 0.5;                 //!< next epsilon: this quantile of the accepted distances
    double min_epsilon = 0;             //!< stop once a generation ran at or below this tolerance
    double min_acceptance = 0.01;       //!< stop when a generation's acceptance falls below this
    double first_epsilon = std::numeric_limits<double>::infinity();  //!< tolerance of generation 0
    std::uint64_t seed = 1;
    //! The importance weights of Beaumont et al. (true). false gives every
    //! accepted particle the same weight: wrong, kept so tests can show
    //! that the toy check detects it.
    bool importance_weights = true;
};

//! One generation's accepted particles.
struct Generation {
    double epsilon = 0;                      //!< tolerance the particles were accepted at
    std::int64_t candidates = 0;             //!< candidates examined up to the N-th accepted
    std::int64_t simulated = 0;              //!< candidates simulated (whole batches)
    double acceptance = 0;                   //!< particles / candidates
    std::vector<std::vector<double>> theta;  //!< [particle][parameter], natural coordinate
    std::vector<double> weights;             //!< normalised to sum 1
    std::vector<double> distances;
    std::vector<Stats> stats;           //!< [particle][statistic]
    std::vector<std::int64_t> parents;  //!< particle of the previous generation, -1 from the prior
    std::vector<std::uint64_t> seeds;   //!< simulation seeds
};

//! Why the calibration stopped.
enum class StopReason { max_generations, min_epsilon, min_acceptance, interrupted };
const char* stop_name(StopReason reason);

struct AbcResult {
    std::vector<Generation> generations;  //!< every complete generation; the last is the posterior
    StopReason stop = StopReason::max_generations;
    std::int64_t simulations = 0;  //!< candidates simulated over all generations
};

//! What the caller sees after each batch (for a progress line).
struct AbcProgress {
    std::int64_t generation = 0, accepted = 0, particles = 0, candidates = 0, simulations = 0;
    double epsilon = 0;
};

//! Run ABC-SMC. `priors` gives the parameters (their order is theta's).
//! Returns with stop = interrupted when the runner returns fewer stats than
//! candidates (it was stopped). Throws std::invalid_argument for a bad
//! configuration.
AbcResult abc_smc(const std::vector<Prior>& priors, const AbcConfig& config, const BatchRunner& runner,
                  const DistanceFn& distance, const std::function<void(const AbcProgress&)>& progress = {});

//! A runner for a plain simulator function, `threads` candidates at once
//! (results never depend on `threads`).
using Simulator = std::function<Stats(const std::vector<double>& theta, std::uint64_t seed)>;
BatchRunner simulator_runner(Simulator simulate, int threads);

//! The seed of a batch of candidates: each candidate's simulation seed is a
//! stream of it (cogov sweeps: the batch's sweep seed).
std::uint64_t batch_seed(std::uint64_t seed, std::int64_t generation, std::int64_t batch);

//! Weighted summaries of one parameter of a generation.
struct WeightedSummary {
    double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
};
WeightedSummary summarise(const std::vector<double>& values, const std::vector<double>& weights);

//! The q-quantile of weighted values (inverse of the weighted CDF).
double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q);

}  // namespace cogov
