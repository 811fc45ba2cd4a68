// The phases' per-thread working memory.
#include "cogov/sim/phases.h"

namespace cogov {

void Scratch::reserve(std::size_t residents, std::size_t degree)
{
    rows.resize(LANES * (residents + 1));
    party_list.resize(residents);
    online_list.resize(residents);
    raisers.resize(residents);
    picks.resize(residents);
    chance.resize(residents);
    took_part.resize(residents + 1);
    tie_counts.resize(residents);
    open_slots.resize(residents);
    open_masks.resize(residents);
    gone.resize(residents + 1);
    empty_bits.resize(residents * degree / 8 + 16);
}

}  // namespace cogov
