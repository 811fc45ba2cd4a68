// Phase 5: power instability. Street leaders change; residents move;
// committee staff turn over; newcomers build ties.
#include <algorithm>
#include <bit>
#include <cstring>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "cogov/sim/population.h"

// AVX2 for the tie scan where the processor has it, chosen at run time.
#include "x86_dispatch.h"

namespace cogov {
namespace {

//! Ties to a resident who moved away end: ties[k] |= gone[min(ties[k], size)]
//! over the community's n = size x degree ties (gone[l] is all ones for an
//! arrival and for NO_TIE, so such a tie becomes NO_TIE, others stay), and
//! bit k of `bits` says whether tie k is then empty. Integer operations
//! only, so both code paths give the same ties.
void drop_ties_scalar(std::uint32_t* ties, std::size_t n, const std::uint32_t* gone, std::uint32_t size,
                      std::uint8_t* bits)
{
    std::fill_n(bits, n / 8 + 1, std::uint8_t{0});
    for (std::size_t k = 0; k < n; ++k) {
        ties[k] |= gone[std::min(ties[k], size)];
        bits[k / 8] = static_cast<std::uint8_t>(bits[k / 8] | (ties[k] == NO_TIE) << (k % 8));
    }
}

#if COGOV_X86_DISPATCH
//! drop_ties_scalar, 8 ties at a time (a gather from gone, a mask of the empty ones).
__attribute__((target("avx2"))) void drop_ties_avx2(std::uint32_t* ties, std::size_t n, const std::uint32_t* gone,
                                                    std::uint32_t size, std::uint8_t* bits)
{
    const __m256i limit = _mm256_set1_epi32(static_cast<int>(size)), none = _mm256_set1_epi32(-1);
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        auto* at = reinterpret_cast<__m256i*>(ties + k);
        __m256i t = _mm256_loadu_si256(at);
        const __m256i g = _mm256_i32gather_epi32(reinterpret_cast<const int*>(gone), _mm256_min_epu32(t, limit), 4);
        t = _mm256_or_si256(t, g);
        _mm256_storeu_si256(at, t);
        bits[k / 8] = static_cast<std::uint8_t>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(t, none))));
    }
    drop_ties_scalar(ties + k, n - k, gone, size, bits + k / 8);
}
#endif

//! Writes to `open`, in order, the residents with an empty tie (a set bit
//! among their `degree` bits, degree <= 64), and to `masks` their bits;
//! returns how many.
std::uint32_t list_open_slots(const std::uint8_t* bits, std::uint32_t size, std::size_t degree, std::uint32_t* open,
                              std::uint64_t* masks)
{
    std::uint32_t count = 0;
    if constexpr (std::endian::native == std::endian::little) {
        if (degree <= 56) {  // a resident's bits lie within one 64-bit word read at their first byte
            const std::uint64_t mask = (std::uint64_t{1} << degree) - 1;
            for (std::uint32_t l = 0; l < size; ++l) {
                const std::size_t b = std::size_t(l) * degree;
                std::uint64_t word;
                std::memcpy(&word, bits + b / 8, sizeof word);
                open[count] = l;
                masks[count] = (word >> (b % 8)) & mask;
                count += masks[count] != 0;
            }
            return count;
        }
    }
    for (std::uint32_t l = 0; l < size; ++l) {
        std::uint64_t empty = 0;
        for (std::size_t j = 0; j < degree; ++j) {
            const std::size_t k = std::size_t(l) * degree + j;
            empty |= std::uint64_t(bits[k / 8] >> (k % 8) & 1u) << j;
        }
        open[count] = l;
        masks[count] = empty;
        count += empty != 0;
    }
    return count;
}

//! Drops the community's ties to arrivals (as drop_ties_scalar) and clears
//! the ARRIVED marks. Lists the residents left with an empty tie slot in
//! scratch.open_slots (in order) and returns how many.
std::uint32_t drop_ties_to_arrivals(State& s, const Community& com, Scratch& scratch)
{
    const std::uint32_t size = com.size;
    const std::size_t degree = static_cast<std::size_t>(s.degree), n = std::size_t(size) * degree;
    // Local pointers and size: byte stores could otherwise alias them, and the loops would not vectorise.
    std::uint8_t* flags = s.residents.flags.data() + com.first;
    std::uint32_t* ties = s.residents.ties.data() + std::size_t(com.first) * degree;
    std::uint32_t* gone = scratch.gone.data();
    for (std::uint32_t l = 0; l < size; ++l) gone[l] = (flags[l] & ARRIVED) ? ~0u : 0u;
    gone[size] = ~0u;
    std::uint8_t* bits = scratch.empty_bits.data();
#if COGOV_X86_DISPATCH
    if (__builtin_cpu_supports("avx2")) drop_ties_avx2(ties, n, gone, size, bits);
    else
#endif
        drop_ties_scalar(ties, n, gone, size, bits);
    for (std::uint32_t l = 0; l < size; ++l) flags[l] &= static_cast<std::uint8_t>(~ARRIVED);
    return list_open_slots(bits, size, degree, scratch.open_slots.data(), scratch.open_masks.data());
}

void move_residents(const StepContext& ctx, std::uint32_t c, Rng& rng, Scratch& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    Community& com = ctx.s.communities[c];
    std::array<float, KINDS> chance{};
    for (int kind = 0; kind < KINDS; ++kind)
        chance[kind] = static_cast<float>(p.power_mobility) * KIND_MOBILITY_FACTOR[kind];
    // Tenure first, in a loop of its own that vectorises (a newcomer's is reset to 0 below).
    std::uint16_t* tenure = r.tenure.data() + com.first;
    for (std::uint32_t l = 0, n = com.size; l < n; ++l)
        tenure[l] = static_cast<std::uint16_t>(std::min(0xffff, int(tenure[l]) + ctx.tenure_weeks));
    std::uint32_t moved = 0;
    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        if (rng.uniform() >= chance[r.kind[i]]) continue;
        const std::uint8_t stage = r.issue_stage[i];
        for (int d = 0; d < DOMAINS; ++d) com.interest_sum[d] -= r.interest[i * DOMAINS + d];
        // The household that moves in is of the same kind, so the composition
        // stays as the scenario says although kinds move at different rates.
        draw_resident(r, i, p, rng, true, r.kind[i]);
        r.flags[i] |= ARRIVED;
        for (int d = 0; d < DOMAINS; ++d) com.interest_sum[d] += r.interest[i * DOMAINS + d];
        // A queued issue leaves with its resident; handling drops it next week.
        if (stage == AT_COMMITTEE || stage == AT_HANDLER || stage == ORPHANED) r.issue_stage[i] = ORPHANED;
        // draw_resident voided any experience of the departed resident.
        ++moved;
    }
    ctx.s.counters[c][C_residents_moved] += moved;
    if (moved == 0 && p.network_tie_formation <= 0) return;
    // Only residents with an empty slot form ties (form_ties does nothing
    // for the others and draws nothing), in the same order, visiting only
    // their empty slots (form_ties_in).
    const std::uint32_t open = drop_ties_to_arrivals(ctx.s, com, scratch);
    if (p.network_tie_formation > 0)
        for (std::uint32_t q = 0; q < open; ++q)
            form_ties_in(ctx.s, com, scratch.open_slots[q], scratch.open_masks[q], p.network_tie_formation,
                         p.network_rewire, rng);
}

void turn_over_staff(const StepContext& ctx, std::uint32_t c, Rng& rng)
{
    const Params& p = ctx.p;
    Committee& committee = ctx.s.communities[c].committee;
    int departures = 0;
    for (std::int64_t m = 0; m < p.committee_staff; ++m)
        departures += rng.uniform_double() < p.committee_staff_turnover;
    ctx.s.counters[c][C_staff_departures] += departures;
    committee.experience += p.committee_experience_recovery * (1.0 - committee.experience);
    if (departures == 0 || p.committee_staff == 0) return;
    // A newcomer starts at 30% efficiency; relations are personal and partly reset.
    const double share = std::min(1.0, double(departures) / double(p.committee_staff));
    committee.experience = std::max(0.05, committee.experience - 0.7 * share);
    for (auto& t : committee.trust) t = static_cast<float>(t + share * (p.trust_initial_institutional - t));
}

}  // namespace

void turn_over_leaders(const StepContext& ctx)
{
    const Params& p = ctx.p;
    for (std::size_t k = 0; k < ctx.s.streets.size(); ++k) {
        Street& street = ctx.s.streets[k];
        Rng rng(ctx.seed, Purpose::leaders, k, static_cast<std::uint64_t>(ctx.step));
        if (rng.uniform_double() >= 1.0 / p.power_leader_tenure) continue;
        StreetCounters& counts = ctx.s.street_counters[k];
        counts[S_leader_changes] += 1;
        street.leader_since = ctx.step;
        const bool kept = rng.uniform_double() < p.power_continuity;
        float trust = static_cast<float>(street.trust_in_district);
        trust = update_trust(trust, kept, p.trust_a_gain, p.trust_a_loss);
        street.trust_in_district = trust;
        if (!kept) {
            street.broken_at = ctx.step;
            counts[S_commitments_broken] += 1;
        }
        if (rng.uniform_double() < p.power_reshuffle)
            street.priorities = draw_dirichlet<DOMAINS>(rng, p.power_priority_concentration);
    }
}

void move_and_turn_over(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    Rng rng(ctx.seed, Purpose::mobility, c, static_cast<std::uint64_t>(ctx.step));
    move_residents(ctx, c, rng, scratch);
    turn_over_staff(ctx, c, rng);
}

}  // namespace cogov
