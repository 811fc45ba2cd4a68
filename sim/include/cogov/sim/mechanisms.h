// Small pure functions shared by the phases, each testable alone.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "cogov/sim/actors.h"
#include "cogov/sim/rng.h"

namespace cogov {

//! Trust from one experience (Slovic's asymmetry, docs/ODD.md eq. T1):
//! good: T += a_gain (1 - T); bad: T -= a_loss T.
inline float update_trust(float t, bool good, double a_gain, double a_loss)
{
    return good ? static_cast<float>(t + a_gain * (1.0 - t)) : static_cast<float>(t - a_loss * t);
}

//! One week's experience made of n_good good and n_bad bad encounters,
//! taken as a single experience judged by its share s of good ones: the
//! expected value of the rule, T += a_gain s (1 - T) - a_loss (1 - s) T
//! (docs/ODD.md eq. T2). No encounters: no change.
inline float update_trust_share(float t, std::uint32_t n_good, std::uint32_t n_bad, double a_gain, double a_loss)
{
    const double n = double(n_good) + double(n_bad);
    if (n == 0) return t;
    const double s = n_good / n;
    return static_cast<float>(t + a_gain * s * (1.0 - t) - a_loss * (1.0 - s) * t);
}

//! Closed-form long-run mean of update_trust with good-experience probability s.
inline double trust_fixed_point(double s, double a_gain, double a_loss)
{
    return s * a_gain / (s * a_gain + (1.0 - s) * a_loss);
}

inline double logistic(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}
inline float logistic_f(float x)
{
    return 1.0f / (1.0f + std::exp(-x));
}
//! x[k] = logistic_f(x[k]) for k < n, the same floats bit for bit, four at a
//! time where the processor allows (sim/src/logistic.cpp).
void logistic_batch(float* x, std::size_t n);

//! Cosine of two non-negative weight vectors (0 if either is zero).
template <class A, class B>
double cosine(const A& a, const B& b)
{
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t d = 0; d < a.size(); ++d) {
        ab += double(a[d]) * double(b[d]);
        aa += double(a[d]) * double(a[d]);
        bb += double(b[d]) * double(b[d]);
    }
    return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
}

//! Index drawn from `n` non-negative weights by the uniform `u` in [0,1).
inline int draw_categorical(const float* w, int n, float u)
{
    float total = 0;
    for (int d = 0; d < n; ++d) total += w[d];
    float target = u * total;
    for (int d = 0; d < n - 1; ++d) {
        if (target < w[d]) return d;
        target -= w[d];
    }
    return n - 1;
}

//! Symmetric Dirichlet(alpha) weights.
template <std::size_t N>
std::array<double, N> draw_dirichlet(Rng& rng, double alpha)
{
    std::array<double, N> w{};
    double total = 0;
    for (auto& x : w) total += (x = rng.gamma(alpha));
    for (auto& x : w) x = total > 0 ? x / total : 1.0 / N;
    return w;
}

}  // namespace cogov
