// Phase 8: trust from talk on the social, party-mass and online layers.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "cogov/sim/phases.h"

namespace cogov {
namespace {

//! Last week's trust is copied resident by resident into LANES floats (the
//! ACTORS values, then zero padding), so a tie's opinions are one load.
constexpr std::size_t LANES = 8;
static_assert(ACTORS <= LANES);
// GCC/Clang vector extensions of 4 floats (SSE width on x86-64, NEON on ARM);
// a resident's LANES values are two of them.
typedef float Quad __attribute__((vector_size(4 * sizeof(float))));
typedef std::int32_t QuadMask __attribute__((vector_size(4 * sizeof(float))));
constexpr std::size_t QUADS = LANES / 4;

inline Quad load(const float* p)
{
    Quad v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

//! Adds to sum and heard the tie's opinion differences within eps (Deffuant).
inline void hear(const float* mine, const float* theirs, Quad eps, Quad* sum, Quad* heard)
{
    const QuadMask one_bits = (QuadMask)(Quad{} + 1.0f);
    for (std::size_t q = 0; q < QUADS; ++q) {
        const Quad diff = load(theirs + 4 * q) - load(mine + 4 * q);
        const QuadMask near = (Quad)((QuadMask)diff & 0x7fffffff) < eps;  // |diff| < eps
        const Quad one = (Quad)(near & one_bits);                        // 1.0f or 0.0f
        sum[q] += one * diff;
        heard[q] += one;
    }
}

struct Layers {
    std::array<float, LANES> party{}, online{};  //!< mean trust of party members / adopters
    bool has_party = false, has_online = false;
};

void copy_old_trust(const Residents& r, const Community& com, float* old)
{
    for (std::uint32_t l = 0; l < com.size; ++l) {
        float* row = old + std::size_t(l) * LANES;
        for (int a = 0; a < ACTORS; ++a) row[a] = r.trust[a][com.first + l];
        for (std::size_t a = ACTORS; a < LANES; ++a) row[a] = 0.0f;
    }
}

Layers layer_means(const Residents& r, const Community& com, const float* old, int adopters_below)
{
    std::array<double, LANES> party{}, online{};
    double n_party = 0, n_online = 0;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::size_t i = com.first + l;
        const bool is_party = r.flags[i] & PARTY_MEMBER, is_online = r.platform_rank[i] < adopters_below;
        for (int a = 0; a < ACTORS; ++a) {
            const float t = old[std::size_t(l) * LANES + a];
            if (is_party) party[a] += t;
            if (is_online) online[a] += t;
        }
        n_party += is_party;
        n_online += is_online;
    }
    Layers layers;
    layers.has_party = n_party > 0;
    layers.has_online = n_online > 0;
    for (int a = 0; a < ACTORS; ++a) {
        layers.party[a] = layers.has_party ? static_cast<float>(party[a] / n_party) : 0.0f;
        layers.online[a] = layers.has_online ? static_cast<float>(online[a] / n_online) : 0.0f;
    }
    return layers;
}

}  // namespace

void talk(const StepContext& ctx, std::uint32_t c, std::vector<float>& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    const std::size_t n = com.size, degree = static_cast<std::size_t>(ctx.s.degree);
    if (scratch.size() < LANES * n) scratch.resize(LANES * n);  // once per thread, at the largest community
    float* old = scratch.data();
    copy_old_trust(r, com, old);
    const int adopters_below = p.platform_enabled ? static_cast<int>(p.platform_adoption * 256.0) : 0;
    const Layers layers = layer_means(r, com, old, adopters_below);
    const float mu = static_cast<float>(p.talk_mu);
    // epsilon = 1 switches bounded confidence off: every tie is heard.
    const float eps = p.talk_epsilon >= 1.0 ? std::numeric_limits<float>::infinity() : static_cast<float>(p.talk_epsilon);
    const Quad eps_q = Quad{} + eps;
    const float w_social = static_cast<float>(p.network_social_weight);
    const float w_party = static_cast<float>(p.talk_party_weight), w_online = static_cast<float>(p.platform_talk_weight);

    for (std::size_t l = 0; l < n; ++l) {
        const std::size_t i = com.first + l;
        const std::uint32_t* ties = &r.ties[i * degree];
        const float* mine = old + l * LANES;
        Quad sum_q[QUADS] = {}, heard_q[QUADS] = {};
        for (std::size_t j = 0; j < degree; ++j)
            if (ties[j] != NO_TIE) hear(mine, old + std::size_t(ties[j]) * LANES, eps_q, sum_q, heard_q);
        float sum[LANES], heard[LANES];
        std::memcpy(sum, sum_q, sizeof sum);
        std::memcpy(heard, heard_q, sizeof heard);
        const float party = (r.flags[i] & PARTY_MEMBER) && layers.has_party ? w_party : 0.0f;
        const float online = r.platform_rank[i] < adopters_below && layers.has_online ? w_online : 0.0f;
        for (int a = 0; a < ACTORS; ++a) {
            float pull = heard[a] > 0 ? w_social * sum[a] / heard[a] : 0.0f;
            pull += party * (layers.party[a] - mine[a]) + online * (layers.online[a] - mine[a]);
            r.trust[a][i] = std::clamp(mine[a] + mu * pull, 0.0f, 1.0f);
        }
    }
}

}  // namespace cogov
