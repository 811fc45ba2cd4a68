// Explicit random streams: one generator per (run seed, purpose, entity, step).
//
// There is no global generator. A phase asks for the stream of its purpose
// for one community (or street) at one step, so the numbers a community
// draws depend only on the seed and on that community's own history, never
// on thread count or scheduling. Two scenarios run with the same seed draw
// the same numbers for the same purpose: common random numbers.
#pragma once

#include <cmath>
#include <cstdint>

#include <pcg_random.hpp>

namespace cogov {

//! What a stream is used for; each purpose gets independent numbers.
enum class Purpose : std::uint64_t {
    init_population = 1,
    init_network,
    init_institutions,
    needs,
    reporting,
    handling,
    contracts,
    leaders,
    mobility,
    participation,
    talk,
    sweep_design,  //!< sampling a sweep's design (entity: design type)
    calibration,   //!< ABC-SMC candidates (entity: candidate index, step: generation) and posterior draws
    players,       //!< draws a played agent needs beyond its model rule's (entity: resident)
};

//! SplitMix64 finaliser: a bijective 64-bit mix.
constexpr std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

//! A pcg32 generator with the draws the model needs.
class Rng {
public:
    Rng(std::uint64_t seed, Purpose purpose, std::uint64_t entity, std::uint64_t step)
    {
        const std::uint64_t h = mix64(seed ^ mix64(static_cast<std::uint64_t>(purpose) ^ mix64(entity ^ mix64(step))));
        gen_.seed(h, mix64(h));
    }

    //! Uniform in [0, 1) with 24 random bits.
    float uniform() { return static_cast<float>(gen_() >> 8) * 0x1p-24f; }
    //! Uniform in [0, 1) with 53 random bits.
    double uniform_double()
    {
        const std::uint64_t hi = gen_() >> 5, lo = gen_() >> 6;
        return static_cast<double>(hi * 67108864ULL + lo) * 0x1p-53;
    }
    bool bernoulli(double p) { return uniform_double() < p; }
    //! Uniform integer in [0, n), n > 0 (Lemire's method, unbiased).
    std::uint32_t below(std::uint32_t n) { return gen_(n); }
    //! Standard normal (Box-Muller; one value per call).
    double normal()
    {
        const double u = 1.0 - uniform_double();
        const double v = uniform_double();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    //! Gamma(shape, 1) by Marsaglia and Tsang; shape > 0.
    double gamma(double shape)
    {
        if (shape < 1.0) return gamma(shape + 1.0) * std::pow(1.0 - uniform_double(), 1.0 / shape);
        const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = 1.0 - uniform_double();
            if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
        }
    }
    //! Beta with the given mean and concentration (alpha + beta).
    double beta_mean(double mean, double concentration)
    {
        if (mean <= 0.0) return 0.0;
        if (mean >= 1.0) return 1.0;
        const double a = gamma(mean * concentration), b = gamma((1.0 - mean) * concentration);
        return a / (a + b);
    }

private:
    pcg32 gen_;
};

}  // namespace cogov
