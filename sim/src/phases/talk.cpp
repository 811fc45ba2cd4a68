// Phase 8: trust from talk on the social, party-mass and online layers.
#include <algorithm>
#include <cmath>

#include "cogov/phases.h"

namespace cogov {
namespace {

struct Layers {
    std::array<double, ACTORS> party{}, online{};  //!< mean trust of party members / adopters
    bool has_party = false, has_online = false;
};

Layers layer_means(const StepContext& ctx, const Community& com, const float* old)
{
    const Residents& r = ctx.s.residents;
    const int adopters_below = ctx.p.platform_enabled ? static_cast<int>(ctx.p.platform_adoption * 256.0) : 0;
    Layers layers;
    double n_party = 0, n_online = 0;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::size_t i = com.first + l;
        const bool party = r.flags[i] & PARTY_MEMBER, online = r.platform_rank[i] < adopters_below;
        if (!party && !online) continue;
        for (int a = 0; a < ACTORS; ++a) {
            const float t = old[std::size_t(a) * com.size + l];
            if (party) layers.party[a] += t;
            if (online) layers.online[a] += t;
        }
        n_party += party;
        n_online += online;
    }
    for (int a = 0; a < ACTORS; ++a) {
        if (n_party > 0) layers.party[a] /= n_party;
        if (n_online > 0) layers.online[a] /= n_online;
    }
    layers.has_party = n_party > 0;
    layers.has_online = n_online > 0;
    return layers;
}

}  // namespace

void talk(const StepContext& ctx, std::uint32_t c, std::vector<float>& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    const std::size_t n = com.size, degree = static_cast<std::size_t>(ctx.s.degree);
    if (scratch.size() < ACTORS * n) scratch.resize(ACTORS * n);  // once per thread, at the largest community
    for (int a = 0; a < ACTORS; ++a)
        std::copy_n(r.trust[a].begin() + com.first, n, scratch.begin() + std::ptrdiff_t(a * n));
    const float* old = scratch.data();
    const Layers layers = layer_means(ctx, com, old);
    const int adopters_below = p.platform_enabled ? static_cast<int>(p.platform_adoption * 256.0) : 0;
    const float mu = static_cast<float>(p.talk_mu), eps = static_cast<float>(p.talk_epsilon);
    const float w_social = static_cast<float>(p.network_social_weight);
    const float w_party = static_cast<float>(p.talk_party_weight), w_online = static_cast<float>(p.platform_talk_weight);

    for (std::size_t l = 0; l < n; ++l) {
        const std::size_t i = com.first + l;
        const std::uint32_t* ties = &r.ties[i * degree];
        const bool party = (r.flags[i] & PARTY_MEMBER) && layers.has_party;
        const bool online = r.platform_rank[i] < adopters_below && layers.has_online;
        for (int a = 0; a < ACTORS; ++a) {
            const float* col = old + std::size_t(a) * n;
            const float mine = col[l];
            float sum = 0;
            int heard = 0;
            for (std::size_t j = 0; j < degree; ++j) {
                if (ties[j] == NO_TIE) continue;
                const float diff = col[ties[j]] - mine;
                if (std::fabs(diff) >= eps && eps < 1.0f) continue;  // bounded confidence
                sum += diff;
                ++heard;
            }
            float pull = heard > 0 ? w_social * sum / float(heard) : 0.0f;
            if (party) pull += w_party * (static_cast<float>(layers.party[a]) - mine);
            if (online) pull += w_online * (static_cast<float>(layers.online[a]) - mine);
            r.trust[a][i] = std::clamp(mine + mu * pull, 0.0f, 1.0f);
        }
    }
}

}  // namespace cogov
