// Creating agents: the initial city, newcomers and new organizations.
#pragma once

#include <cstdint>

#include "cogov/sim/params.h"
#include "cogov/sim/rng.h"
#include "cogov/sim/state.h"

namespace cogov {

//! Build the initial state of a city from parameters and seed; communities
//! are built in parallel on `threads` threads (the result does not depend on it).
State initialise(const Params& p, std::uint64_t seed, int threads = 1);

//! Draw resident `i` afresh: kind (or `same_kind` when >= 0: a mover is
//! replaced by a household of the same kind), interests, flags, spirit,
//! efficacy, threshold; trust from the initial values, or the newcomer
//! default. Clears issue, experience and ties (the caller fixes interest sums).
void draw_resident(Residents& r, std::size_t i, const Params& p, Rng& rng, bool newcomer, int same_kind = -1);

//! A new social organization of a type drawn from the shares.
void found_organization(SocialOrganization& org, const Params& p, Rng& rng);

//! Fill resident `i`'s empty tie slots, each with probability `chance`,
//! with a resident of the same cell (or, with probability p.network_rewire,
//! of the whole community). `local` is i's index within the community.
void form_ties(State& s, const Community& com, std::uint32_t local, double chance, double rewire, Rng& rng);

//! form_ties for a resident whose empty slots are the set bits of `empty`
//! (bit j: slot j; degree <= 64): the same draws and ties, found without
//! testing every slot.
void form_ties_in(State& s, const Community& com, std::uint32_t local, std::uint64_t empty, double chance,
                  double rewire, Rng& rng);

}  // namespace cogov
