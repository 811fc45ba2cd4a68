// Phase 8: trust from talk on the social, party-mass and online layers.
//
// Last week's trust is copied resident by resident into Scratch::LANES = 8
// floats (the ACTORS values, then zero padding), so a tie's opinions are one
// 8-float load, and every per-actor step below is an 8-float operation (two
// SSE operations on the x86-64 baseline; one AVX operation where the
// processor has AVX2, chosen at load time). The operations are the scalar
// rule's, in its order, lane by lane, in IEEE single precision without
// contraction (neither code path uses FMA), so the numbers are the scalar
// rule's on every machine.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "cogov/sim/phases.h"
#include "x86_dispatch.h"

// The helpers below pass 8-float vectors by value; they are internal and
// inlined, so the note that this ABI differs with and without AVX is moot.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace cogov {
namespace {

constexpr std::size_t LANES = Scratch::LANES;
static_assert(ACTORS <= LANES);
// GCC/Clang vector extensions: a resident's LANES floats as one value.
typedef float Quad __attribute__((vector_size(LANES * sizeof(float))));
typedef std::int32_t QuadMask __attribute__((vector_size(LANES * sizeof(float))));
constexpr std::size_t QUADS = 1;

inline Quad load(const float* p)
{
    Quad v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

//! x where mask is set, +0 elsewhere.
inline Quad keep(QuadMask mask, Quad x)
{
    return (Quad)(mask & (QuadMask)x);
}

//! Adds to sum and heard the tie's opinion differences within eps (Deffuant).
//! A tie to the sentinel row (+inf) is never within eps: not heard.
//! `heard` counts as integers (minus the all-ones masks): converted to float
//! they are exactly the scalar rule's sums of 1.0f, small whole numbers.
inline void hear(const float* mine, const float* theirs, Quad eps, Quad* sum, QuadMask* heard)
{
    for (std::size_t q = 0; q < QUADS; ++q) {
        const Quad diff = load(theirs + LANES * q) - load(mine + LANES * q);
        const QuadMask near = (Quad)((QuadMask)diff & 0x7fffffff) < eps;  // |diff| < eps
        sum[q] += keep(near, diff);                                       // the scalar rule's 1 * diff, or + 0
        heard[q] -= near;
    }
}

struct Layers {
    alignas(32) std::array<float, LANES> party{}, online{};  //!< mean trust of party members / adopters
    bool has_party = false, has_online = false;
};

//! Adds, lane by lane in list order, the rows of the listed residents to
//! `sum` (LANES doubles).
[[gnu::always_inline]] inline void add_rows(const float* rows, const std::uint32_t* list, std::uint32_t count,
                                            double* sum)
{
    for (std::uint32_t q = 0; q < count; ++q) {
        const float* row = rows + std::size_t(list[q]) * LANES;
        for (std::size_t a = 0; a < LANES; ++a) sum[a] += double(row[a]);
    }
}

//! Copies the community's trust into rows of LANES (and a sentinel row of
//! +inf after the last resident, for NO_TIE) and returns the layers' means.
//! The members of each layer are listed first (branch-free), and their
//! rows summed after: each lane a sum in resident order, as the sum over
//! every resident of 1.0 or 0.0 times its trust, since adding t * 0.0 (+0,
//! trust is never negative) leaves a sum as it was. Inlined into talk, so it
//! is compiled for the same processor.
[[gnu::always_inline]] inline Layers copy_rows(const Residents& r, const Community& com, float* rows,
                                               int adopters_below, std::uint32_t* party_list,
                                               std::uint32_t* online_list)
{
    static_assert(PARTY_MEMBER == 1);
    // Local size and pointers: the stores could otherwise alias them, and they would be read again each time.
    const std::uint32_t size = com.size;
    std::array<const float*, ACTORS> trust;
    for (int a = 0; a < ACTORS; ++a) trust[a] = r.trust[a].data() + com.first;
    const std::uint8_t* flags = r.flags.data() + com.first;
    const std::uint8_t* rank = r.platform_rank.data() + com.first;
    std::uint32_t n_party = 0, n_online = 0;
    for (std::uint32_t l = 0; l < size; ++l) {
        float* row = rows + std::size_t(l) * LANES;
        for (int a = 0; a < ACTORS; ++a) row[a] = trust[a][l];
        for (std::size_t a = ACTORS; a < LANES; ++a) row[a] = 0.0f;
        party_list[n_party] = l;
        n_party += flags[l] & PARTY_MEMBER;
        online_list[n_online] = l;
        n_online += rank[l] < adopters_below;
    }
    std::fill_n(rows + std::size_t(size) * LANES, LANES, std::numeric_limits<float>::infinity());
    alignas(32) std::array<double, LANES> party{}, online{};
    add_rows(rows, party_list, n_party, party.data());
    add_rows(rows, online_list, n_online, online.data());
    Layers layers;
    layers.has_party = n_party > 0;
    layers.has_online = n_online > 0;
    for (int a = 0; a < ACTORS; ++a) {
        layers.party[a] = layers.has_party ? static_cast<float>(party[a] / double(n_party)) : 0.0f;
        layers.online[a] = layers.has_online ? static_cast<float>(online[a] / double(n_online)) : 0.0f;
    }
    return layers;
}

//! The week's parameters of the rule, as lanes.
struct TalkRule {
    Quad eps, w_social, mu;
    float w_party, w_online;
    int adopters_below;
};

TalkRule talk_rule(const Params& p)
{
    // epsilon = 1 switches bounded confidence off: every tie is heard.
    const float eps =
        p.talk_epsilon >= 1.0 ? std::numeric_limits<float>::infinity() : static_cast<float>(p.talk_epsilon);
    return {Quad{} + eps,
            Quad{} + static_cast<float>(p.network_social_weight),
            Quad{} + static_cast<float>(p.talk_mu),
            static_cast<float>(p.talk_party_weight),
            static_cast<float>(p.platform_talk_weight),
            p.platform_enabled ? static_cast<int>(p.platform_adoption * 256.0) : 0};
}

//! One resident's new trust, lane by lane:
//! clamp(mine + mu (w_social sum / heard + party (layer - mine) + online (layer - mine)), 0, 1).
inline void new_trust(const TalkRule& rule, const float* mine, const Quad* sum, const QuadMask* count, Quad party,
                      Quad online, const Layers& layers, float* out)
{
    for (std::size_t q = 0; q < QUADS; ++q) {
        const Quad m = load(mine + LANES * q);
        const Quad heard = __builtin_convertvector(count[q], Quad);
        Quad pull = keep(heard > 0, rule.w_social * sum[q] / heard);  // 0/0 lanes are dropped
        pull +=
            party * (load(layers.party.data() + LANES * q) - m) + online * (load(layers.online.data() + LANES * q) - m);
        Quad t = m + rule.mu * pull;
        t = (Quad)((QuadMask)t & ~(t < 0.0f));  // std::clamp(t, 0, 1): below 0 -> 0, then above 1 -> 1
        const QuadMask above = t > 1.0f;
        t = (Quad)(((QuadMask)t & ~above) | (QuadMask)keep(above, Quad{} + 1.0f));
        std::memcpy(out + LANES * q, &t, sizeof t);
    }
}

//! A community's residents as talk reads and writes them: local pointers,
//! so the stores cannot alias them and they stay in registers.
struct Slice {
    std::size_t size, degree;
    const std::uint32_t* ties;  //!< degree per resident
    const std::uint8_t* flags;
    const std::uint8_t* rank;
    std::array<float*, ACTORS> trust;
};

//! Each resident's new trust from the rows. DEGREE > 0 is the number of
//! ties, known when compiled (the loop over them unrolled); 0 reads it from
//! the slice. Inlined into talk, so it is compiled for the same processor.
template <std::size_t DEGREE>
[[gnu::always_inline]] inline void talk_residents(const Slice& slice, const TalkRule& rule, const Layers& layers,
                                                  float w_party, float w_online, const float* rows)
{
    const std::size_t degree = DEGREE > 0 ? DEGREE : slice.degree;
    const std::uint32_t sentinel = static_cast<std::uint32_t>(slice.size);
    const std::uint32_t* ties = slice.ties;
    for (std::size_t l = 0; l < slice.size; ++l, ties += degree) {
        const float* mine = rows + l * LANES;
        Quad sum[QUADS] = {};
        QuadMask heard[QUADS] = {};
        for (std::size_t j = 0; j < degree; ++j)
            hear(mine, rows + std::size_t(std::min(ties[j], sentinel)) * LANES, rule.eps, sum, heard);
        // w or +0 (times 1.0 or 0.0), without a branch.
        const float party = w_party * float(slice.flags[l] & PARTY_MEMBER);
        const float online = w_online * float(slice.rank[l] < rule.adopters_below);
        alignas(32) float out[LANES];
        new_trust(rule, mine, sum, heard, Quad{} + party, Quad{} + online, layers, out);
        for (int a = 0; a < ACTORS; ++a) slice.trust[a][l] = out[a];
    }
}

}  // namespace

// AVX2 where the processor has it (x86-64 with GCC's ifunc dispatch), the
// baseline otherwise; "avx2" does not enable FMA, so no clone contracts.
COGOV_AVX2_CLONES
void talk(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    const std::size_t n = com.size, degree = static_cast<std::size_t>(ctx.s.degree);
    const TalkRule rule = talk_rule(ctx.p);
    float* rows = scratch.rows.data();
    const Layers layers =
        copy_rows(r, com, rows, rule.adopters_below, scratch.party_list.data(), scratch.online_list.data());
    const float w_party = layers.has_party ? rule.w_party : 0.0f, w_online = layers.has_online ? rule.w_online : 0.0f;
    Slice slice{n,
                degree,
                r.ties.data() + std::size_t(com.first) * degree,
                r.flags.data() + com.first,
                r.platform_rank.data() + com.first,
                {}};
    for (int a = 0; a < ACTORS; ++a) slice.trust[a] = r.trust[a].data() + com.first;
    // The default network's degree, unrolled; any other through the general loop.
    if (degree == 6) talk_residents<6>(slice, rule, layers, w_party, w_online, rows);
    else talk_residents<0>(slice, rule, layers, w_party, w_online, rows);
}

}  // namespace cogov
