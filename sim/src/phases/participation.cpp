// Phase 6: participation in deliberation and volunteering.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

// AVX2 for the ties' counts where the processor has it, chosen at run time.
#include "x86_dispatch.h"

namespace cogov {
namespace {

//! Weeks after which a resident counts as settled for the tenure term of
//! (P1): ten years, the span over which length of residence keeps building
//! local ties and attachment (Kasarda and Janowitz 1974).
constexpr float TENURE_SETTLED_WEEKS = 520.0f;

//! Per resident 0x100 (a tie) plus 1 if they took part last week, with a 0
//! after the last for NO_TIE: summed over a resident's ties, the high byte
//! counts the ties and the low byte those who took part (degree <= 64 < 256).
void copy_took_part(const Residents& r, const Community& com, std::uint32_t* took_part)
{
    const std::uint8_t* flags = r.flags.data() + com.first;
    // A local size: the stores could otherwise alias com.size, and the loop would not vectorise.
    const std::uint32_t size = com.size;
    for (std::uint32_t l = 0; l < size; ++l) took_part[l] = 0x100u | ((flags[l] & PARTICIPATED) ? 1u : 0u);
    took_part[size] = 0;
}

//! Per resident, the sum of took_part over its ties (NO_TIE adds 0): 0x100
//! times the ties plus those who took part; into `counts`.
void tie_counts(const std::uint32_t* ties, std::uint32_t size, std::size_t degree, const std::uint32_t* took_part,
                std::uint32_t* counts)
{
    for (std::uint32_t l = 0; l < size; ++l, ties += degree) {
        unsigned sum = 0;
        for (std::size_t j = 0; j < degree; ++j) sum += took_part[std::min(ties[j], size)];
        counts[l] = sum;
    }
}

#if COGOV_X86_DISPATCH
//! tie_counts for degree <= 8: a resident's ties are one masked load and one gather.
__attribute__((target("avx2"))) void tie_counts_avx2(const std::uint32_t* ties, std::uint32_t size, std::size_t degree,
                                                     const std::uint32_t* took_part, std::uint32_t* counts)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(degree)), lane);
    const __m256i limit = _mm256_set1_epi32(static_cast<int>(size));
    const int* table = reinterpret_cast<const int*>(took_part);
    for (std::uint32_t l = 0; l < size; ++l, ties += degree) {
        const __m256i t = _mm256_min_epu32(_mm256_maskload_epi32(reinterpret_cast<const int*>(ties), mask), limit);
        const __m256i g = _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), table, t, mask, 4);
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(g), _mm256_extracti128_si256(g, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
        counts[l] = static_cast<std::uint32_t>(_mm_cvtsi128_si32(s));
    }
}
#endif

//! Share of each resident's ties who took part last week (0 without ties), into `share`.
void participating_shares(const Residents& r, const Community& com, std::size_t degree, const std::uint32_t* took_part,
                          std::uint32_t* counts, float* share)
{
    const std::uint32_t* ties = r.ties.data() + std::size_t(com.first) * degree;
#if COGOV_X86_DISPATCH
    if (degree <= 8 && __builtin_cpu_supports("avx2")) tie_counts_avx2(ties, com.size, degree, took_part, counts);
    else
#endif
        tie_counts(ties, com.size, degree, took_part, counts);
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::uint32_t k = counts[l];
        const int known = int(k >> 8), active = int(k & 0xff);
        share[l] = float(active) / float(std::max(known, 1));  // 0 / 1 = 0 without ties
    }
}

//! Every resident's chance of taking part this week (P1: logistic of the score).
void participation_chances(const StepContext& ctx, const Community& com, Scratch& scratch)
{
    const Params& p = ctx.p;
    const Residents& r = ctx.s.residents;
    copy_took_part(r, com, scratch.took_part.data());
    float* chance = scratch.chance.data();
    participating_shares(r, com, static_cast<std::size_t>(ctx.s.degree), scratch.took_part.data(),
                         scratch.tie_counts.data(), chance);
    const float base = static_cast<float>(p.participation_base +
                                          (p.participation_deliberation ? p.participation_deliberation_boost : 0.0));
    const float w_spirit = float(p.participation_spirit_weight), w_trust = float(p.participation_trust_weight);
    const float w_efficacy = float(p.participation_efficacy_weight),
                w_neighbours = float(p.participation_neighbour_weight);
    const float w_tenure = static_cast<float>(p.participation_tenure_weight);
    const float* spirit = r.public_spirit.data() + com.first;
    const float* trust = r.trust[COMMITTEE].data() + com.first;
    const float* efficacy = r.efficacy.data() + com.first;
    const float* threshold = r.threshold.data() + com.first;
    const std::uint16_t* tenure = r.tenure.data() + com.first;
    // The score replaces the share in `chance` (a loop the compiler
    // vectorises: the neighbour term is w or +0 as w times 1 or 0, w >= 0
    // by its range), then its logistic.
    for (std::uint32_t l = 0; l < com.size; ++l)
        chance[l] = base + w_spirit * spirit[l] + w_trust * trust[l] + w_efficacy * efficacy[l] +
                    w_neighbours * float(chance[l] >= threshold[l]) +
                    w_tenure * std::min(1.0f, float(tenure[l]) * (1.0f / TENURE_SETTLED_WEEKS));
    logistic_batch(chance, com.size);
}

//! A draw for a player taking part where the model would not (from the
//! players' own stream, so the community's stream stays as simulated).
double player_draw(const StepContext& ctx, std::size_t i)
{
    return Rng(ctx.seed, Purpose::players, i, static_cast<std::uint64_t>(ctx.step)).uniform_double();
}

}  // namespace

void participate(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    // Every chance first, from last week's participation; then this week's
    // draws, which replace it (what neighbours see next week).
    participation_chances(ctx, com, scratch);
    Rng rng(ctx.seed, Purpose::participation, c, static_cast<std::uint64_t>(ctx.step));
    const double success = com.committee.responsiveness;
    const float* chance = scratch.chance.data();
    std::uint32_t participants = 0;
    double hours = 0;
    const bool players = ctx.s.human.any_resident_in(com.first, com.size);

    // Local pointers: byte stores could otherwise alias the vectors' own.
    std::uint8_t* flags = r.flags.data() + com.first;
    float* efficacy = r.efficacy.data() + com.first;
    float* spirit = r.public_spirit.data() + com.first;
    float* neighbours = r.trust[RESIDENT].data() + com.first;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const bool joins = !(rng.uniform() >= chance[l]);
        const HumanChoice choice =
            players ? ctx.s.human.resident(com.first + l, HumanDecision::take_part) : HumanChoice::model;
        bool takes_part = joins;
        if (choice == HumanChoice::no) {
            if (joins) rng.uniform_double();  // a player staying away spends the model's draw: others' do not move
            takes_part = false;
        } else if (choice == HumanChoice::yes) {
            takes_part = true;
        }
        const std::uint8_t f = static_cast<std::uint8_t>(flags[l] & ~(PARTICIPATED | PARTICIPATING));
        flags[l] = static_cast<std::uint8_t>(f | (takes_part ? PARTICIPATED : 0));
        if (!takes_part) continue;
        ++participants;
        if (f & VOLUNTEER) hours += p.participation_volunteer_hours;
        const bool good = (joins ? rng.uniform_double() : player_draw(ctx, com.first + l)) < success;
        efficacy[l] = update_trust(efficacy[l], good, p.participation_efficacy_gain, p.participation_efficacy_loss);
        spirit[l] = update_trust(spirit[l], good, p.participation_spirit_rate, p.participation_spirit_rate);
        // Collective action builds (or erodes) trust in neighbours, slowly.
        neighbours[l] = update_trust(neighbours[l], good, p.participation_spirit_rate, p.participation_spirit_rate);
    }
    com.committee.volunteer_hours = hours;
    k[C_participants] += participants;
    k[C_volunteer_hours] += hours;
}

}  // namespace cogov
