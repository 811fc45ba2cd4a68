// The peer of the engine benchmark: the model's core trust rules alone, as a
// tight loop, so the engine's speed can be judged against what this machine
// does with the same per-resident arithmetic and nothing else.
//
// Each week, for every resident (a ring of N, 5 trust values each, like the
// engine's five actor types):
//   1. issue draw: with chance P_ISSUE the resident has an experience with
//      one actor type (drawn uniformly), good with chance P_GOOD;
//   2. asymmetric update (docs/ODD.md eq. T1): good T += A_GAIN (1 - T),
//      bad T -= A_LOSS T;
//   3. averaging: every trust value moves by MU toward the mean of the
//      resident's 8 ring neighbours (i-4 .. i+4 without i), last week's values.
// Random numbers come from a counter-based hash of (week, resident), so the
// result does not depend on the thread count. OpenMP over residents.
//   peer_core_rules [--residents 1000000] [--steps 520] [--threads 2]
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr int ACTORS = 5;
constexpr int HALF_RING = 4;  // 8 neighbours: i-4 .. i-1 and i+1 .. i+4
constexpr float P_ISSUE = 0.05f, P_GOOD = 0.6f, A_GAIN = 0.05f, A_LOSS = 0.15f, MU = 0.05f;

std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

//! Steps 1 and 2 for residents [lo, hi): issue draw and asymmetric update.
void experience(std::vector<float>* trust, std::int64_t lo, std::int64_t hi, std::uint64_t week)
{
    for (std::int64_t i = lo; i < hi; ++i) {
        const std::uint64_t h = mix64(week * 0x100000001b3ULL ^ std::uint64_t(i));
        const float u_issue = float(h >> 40) * 0x1p-24f, u_good = float((h >> 16) & 0xffffff) * 0x1p-24f;
        const int actor = int(h & 0xffff) % ACTORS;
        float& t = trust[actor][std::size_t(i)];
        // Branch-free: 1 or 0 for an issue and for a good experience.
        const float issue = float(u_issue < P_ISSUE), good = float(u_good < P_GOOD);
        t += issue * (good * A_GAIN * (1.0f - t) - (1.0f - good) * A_LOSS * t);
    }
}

//! Step 3 for residents [lo, hi) of one actor type: from `old` into `out`.
void average(const float* old, float* out, std::int64_t n, std::int64_t lo, std::int64_t hi)
{
    for (std::int64_t i = lo; i < hi; ++i) {
        float sum = 0;
        for (int d = 1; d <= HALF_RING; ++d) sum += old[(i + n - d) % n] + old[(i + d) % n];
        out[i] = old[i] + MU * (sum * (1.0f / (2 * HALF_RING)) - old[i]);
    }
}

//! The interior of the ring without the modulo (the compiler vectorises it).
void average_interior(const float* old, float* out, std::int64_t lo, std::int64_t hi)
{
    for (std::int64_t i = lo; i < hi; ++i) {
        float sum = 0;
        for (int d = 1; d <= HALF_RING; ++d) sum += old[i - d] + old[i + d];
        out[i] = old[i] + MU * (sum * (1.0f / (2 * HALF_RING)) - old[i]);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    std::int64_t n = 1000000, steps = 520;
    int threads = 2;
    for (int k = 1; k + 1 < argc; k += 2) {
        if (!std::strcmp(argv[k], "--residents")) n = std::atoll(argv[k + 1]);
        else if (!std::strcmp(argv[k], "--steps")) steps = std::atoll(argv[k + 1]);
        else if (!std::strcmp(argv[k], "--threads")) threads = std::atoi(argv[k + 1]);
        else return std::fprintf(stderr, "peer_core_rules: unknown option %s\n", argv[k]), 2;
    }
    if (n <= 2 * HALF_RING) return std::fprintf(stderr, "peer_core_rules: --residents must exceed 8\n"), 2;
    std::vector<float> trust[ACTORS], next[ACTORS];
    for (int a = 0; a < ACTORS; ++a) trust[a].assign(std::size_t(n), 0.3f + 0.1f * float(a)), next[a] = trust[a];

    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t week = 0; week < steps; ++week) {
#pragma omp parallel num_threads(threads)
        {
            const std::int64_t t = omp_get_thread_num(), k = omp_get_num_threads();
            const std::int64_t lo = n * t / k, hi = n * (t + 1) / k;
            experience(trust, lo, hi, std::uint64_t(week));
#pragma omp barrier
            for (int a = 0; a < ACTORS; ++a) {
                const std::int64_t in_lo = std::max<std::int64_t>(lo, HALF_RING);
                const std::int64_t in_hi = std::min<std::int64_t>(hi, n - HALF_RING);
                average(trust[a].data(), next[a].data(), n, lo, std::min(in_lo, hi));
                average_interior(trust[a].data(), next[a].data(), in_lo, in_hi);
                average(trust[a].data(), next[a].data(), n, std::max(in_hi, lo), hi);
            }
        }
        for (int a = 0; a < ACTORS; ++a) trust[a].swap(next[a]);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double mean = 0;
    for (int a = 0; a < ACTORS; ++a)
        for (float x : trust[a]) mean += x;
    std::printf(
        "residents %lld  steps %lld  threads %d\nstep_seconds %.2f\nresident_steps_per_second %.0f\n"
        "mean_trust %.6f\n",
        static_cast<long long>(n), static_cast<long long>(steps), threads, seconds, double(n) * double(steps) / seconds,
        mean / (ACTORS * double(n)));
    return 0;
}
