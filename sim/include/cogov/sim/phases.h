// The phases of one step, in schedule order (docs/ODD.md, "Process overview").
//
// Each phase works on one community (or, for leaders, on all streets) and
// touches only that community's state, so communities run in parallel.
// Every phase draws from its own random stream for (seed, purpose, entity,
// step), so switching one phase off leaves the others' numbers unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "cogov/sim/params.h"
#include "cogov/sim/state.h"

namespace cogov {

//! What a phase needs to know about the step being computed.
struct StepContext {
    const Params& p;
    State& s;
    std::uint64_t seed;
    std::int64_t step;     //!< 1-based number of the step being computed (<= 0 in the burn-in)
    int tenure_weeks = 1;  //!< weeks of tenure a step adds (more in the fast burn-in)
    //! The streets as they were when the week began, for phases 1-4: leader
    //! turnover (5a) runs before the communities' phases, which then run
    //! 1-9 in one pass, and 1-4 must see the leaders before it.
    const std::vector<Street>& streets_at_start;
};

//! One thread's working memory for the phases, sized once for the largest
//! community (Scratch::reserve) so the step loop does not allocate.
struct Scratch {
    //! Floats per resident in `rows`: the ACTORS trust values, then padding.
    static constexpr std::size_t LANES = 8;
    //! Talk: last week's trust, LANES floats per resident and one sentinel row (phases/talk.cpp).
    std::vector<float> rows;
    //! Talk: local indices of the party members and of the platform's adopters.
    std::vector<std::uint32_t> party_list, online_list;
    //! Needs: local indices of this week's raisers, and each one's uniform for the issue's domain.
    std::vector<std::uint32_t> raisers;
    std::vector<float> picks;
    //! Participation: each resident's chance of taking part this week.
    std::vector<float> chance;
    //! Participation: 0x100 + 1 if the resident took part last week, 0x100 if not; one more 0 for "no tie".
    std::vector<std::uint32_t> took_part;
    //! Participation: per resident, took_part summed over its ties.
    std::vector<std::uint32_t> tie_counts;
    //! Mobility: local indices of residents with an empty tie slot.
    std::vector<std::uint32_t> open_slots;
    //! Mobility: for each of open_slots, its empty slots as bits (bit j: slot j).
    std::vector<std::uint64_t> open_masks;
    //! Mobility: all ones if the resident arrived this week, 0 if not; one more all ones for "no tie".
    std::vector<std::uint32_t> gone;
    //! Mobility: bit k set if tie k of the community is empty (8 bytes of padding after).
    std::vector<std::uint8_t> empty_bits;
    //! Size every buffer for communities of up to `residents` with `degree` ties each.
    void reserve(std::size_t residents, std::size_t degree);
};

//! 1. Residents without an open issue raise one, with a domain drawn from their interests.
void raise_needs(const StepContext& ctx, std::uint32_t c, Scratch& scratch);
//! 2. Silent issues are reported (committee, grid worker, platform), discovered or given up.
void report_issues(const StepContext& ctx, std::uint32_t c);
//! 3. Institutions work their queues within capacity; referrals succeed or bounce.
void handle_issues(const StepContext& ctx, std::uint32_t c);
//! 4. Payments, evaluation and renewal, tenders, organizations' finance, entry and exit.
void run_contracts(const StepContext& ctx, std::uint32_t c);
//! 5a. Street leaders change; a new leader may break commitments and redraw priorities.
void turn_over_leaders(const StepContext& ctx);
//! 5b. Residents move away and are replaced; ties re-form; committee staff turn over.
void move_and_turn_over(const StepContext& ctx, std::uint32_t c, Scratch& scratch);
//! 6. Residents take part (logistic with a neighbour threshold); outcomes move efficacy.
void participate(const StepContext& ctx, std::uint32_t c, Scratch& scratch);
//! 7. Closed issues and referrals move trust by the asymmetric rule; reciprocity.
void learn_from_experience(const StepContext& ctx, std::uint32_t c);
//! 8. Residents' trust moves toward their ties', party members' and the platform's.
void talk(const StepContext& ctx, std::uint32_t c, Scratch& scratch);
//! Bookkeeping after the phases: tallies of state (trust, backlog, organizations).
void measure(const StepContext& ctx, std::uint32_t c);

}  // namespace cogov
