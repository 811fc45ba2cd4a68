// Saving and loading the full state. One function, archive_state(), lists
// every variable once; a Saver writes them and a Loader reads them back.
#include "cogov/sim/checkpoint.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>

#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/output.h"

namespace cogov {
namespace {

//! How a C++ field is stored: bools and enums as uint8.
template <class T>
using Stored = std::conditional_t<std::is_same_v<T, bool> || std::is_enum_v<T>, std::uint8_t, T>;

template <class T>
struct ArrayTraits {
    static constexpr bool is_array = false;
    using value_type = T;
    static constexpr std::size_t width = 1;
};
template <class T, std::size_t N>
struct ArrayTraits<std::array<T, N>> {
    static constexpr bool is_array = true;
    using value_type = T;
    static constexpr std::size_t width = N;
};

class Saver {
public:
    explicit Saver(h5::File& f) : f_(f) {}

    template <class T>
    void array(const std::string& name, const std::vector<T>& v, std::size_t width = 1)
    {
        std::vector<Stored<T>> data(v.begin(), v.end());
        f_.write("/state/" + name, data, width == 1 ? h5::Shape{v.size()} : h5::Shape{v.size() / width, width});
    }

    //! One field (or fixed-size array field) of every item, as a column.
    template <class Item, class Get>
    void column(const std::string& name, const std::vector<Item>& items, Get get)
    {
        using Field = std::decay_t<decltype(get(items.front()))>;
        using Traits = ArrayTraits<Field>;
        std::vector<Stored<typename Traits::value_type>> data;
        data.reserve(items.size() * Traits::width);
        for (const auto& item : items) {
            if constexpr (Traits::is_array) data.insert(data.end(), get(item).begin(), get(item).end());
            else data.push_back(static_cast<Stored<Field>>(get(item)));
        }
        f_.write("/state/" + name, data,
                 Traits::width == 1 ? h5::Shape{items.size()} : h5::Shape{items.size(), Traits::width});
    }

    void scalar(const std::string& name, std::int64_t v) { f_.set_attr("/state", name, v); }

private:
    h5::File& f_;
};

//! The HDF5 type name (h5::File::dtype) a stored C++ type is written as.
template <class T>
std::string dtype_name()
{
    if constexpr (std::is_floating_point_v<T>) return "float" + std::to_string(8 * sizeof(T));
    else return (std::is_signed_v<T> ? "int" : "uint") + std::to_string(8 * sizeof(T));
}

//! How many rows each state array must have, from the checkpoint's own
//! scenario (its last segment): residents, communities, streets, ...
struct StateSizes {
    std::size_t residents, communities, streets, companies, org_slots, degree;

    std::size_t rows(const std::string& name) const
    {
        if (name == "residents/ties") return residents * degree;
        if (name.starts_with("residents/") || name == "queue" || name == "closed") return residents;
        if (name.starts_with("communities/")) return communities;
        if (name.starts_with("streets/")) return streets;
        if (name.starts_with("companies/")) return companies;
        return communities * org_slots;  // orgs/, contracts/
    }
};

class Loader {
public:
    Loader(const h5::File& f, const StateSizes& sizes) : f_(f), sizes_(sizes) {}

    //! Every array is checked for type and shape before it is read.
    template <class T>
    void array(const std::string& name, std::vector<T>& v, std::size_t width = 1)
    {
        const std::size_t rows = sizes_.rows(name);
        f_.require("/state/" + name, dtype_name<Stored<T>>(), width == 1 ? h5::Shape{rows} : h5::Shape{rows, width});
        const auto data = f_.read<Stored<T>>("/state/" + name).data;
        check_finite(name, data);
        v.assign(data.begin(), data.end());
    }

    template <class Item, class Get>
    void column(const std::string& name, std::vector<Item>& items, Get get)
    {
        using Field = std::decay_t<decltype(get(items.front()))>;
        using Traits = ArrayTraits<Field>;
        using Value = Stored<typename Traits::value_type>;
        const std::size_t rows = sizes_.rows(name);
        f_.require("/state/" + name, dtype_name<Value>(),
                   Traits::width == 1 ? h5::Shape{rows} : h5::Shape{rows, Traits::width});
        const auto data = f_.read<Value>("/state/" + name);
        check_finite(name, data.data);
        items.resize(data.shape.at(0));
        for (std::size_t i = 0; i < items.size(); ++i) {
            if constexpr (Traits::is_array) {
                for (std::size_t k = 0; k < Traits::width; ++k)
                    get(items[i])[k] = static_cast<typename Traits::value_type>(data.data[i * Traits::width + k]);
            } else {
                get(items[i]) = static_cast<Field>(data.data[i]);
            }
        }
    }

    //! Scalars were checked against the header by check_state_scalars().
    void scalar(const std::string& name, std::int64_t& v) { v = f_.attr_as<std::int64_t>("/state", name); }
    void scalar(const std::string& name, int& v) { v = static_cast<int>(f_.attr_as<std::int64_t>("/state", name)); }

private:
    //! No NaN or infinity in a real-valued variable: the phases take them
    //! as probabilities, weights and capacities.
    template <class T>
    void check_finite(const std::string& name, const std::vector<T>& data) const
    {
        if constexpr (std::is_floating_point_v<T>)
            for (std::size_t k = 0; k < data.size(); ++k)
                if (!std::isfinite(data[k]))
                    throw h5::InvalidFile(f_.path() + ": /state/" + name + " element " + std::to_string(k) +
                                          " is not a finite number");
    }

    const h5::File& f_;
    StateSizes sizes_;
};

#define FIELD(expr)      \
    [](auto& x) -> auto& \
    {                    \
        return x.expr;   \
    }

template <class Ar, class R>
void archive_residents(Ar& ar, R& r)
{
    for (int a = 0; a < ACTORS; ++a) ar.array(std::string("residents/trust_") + ACTOR_NAMES[a], r.trust[a]);
    ar.array("residents/interest", r.interest, DOMAINS);
    ar.array("residents/public_spirit", r.public_spirit);
    ar.array("residents/efficacy", r.efficacy);
    ar.array("residents/threshold", r.threshold);
    ar.array("residents/kind", r.kind);
    ar.array("residents/flags", r.flags);
    ar.array("residents/platform_rank", r.platform_rank);
    ar.array("residents/tenure", r.tenure);
    ar.array("residents/issue_domain", r.issue_domain);
    ar.array("residents/issue_stage", r.issue_stage);
    ar.array("residents/issue_flags", r.issue_flags);
    ar.array("residents/issue_handler", r.issue_handler);
    ar.array("residents/issue_slot", r.issue_slot);
    ar.array("residents/issue_age", r.issue_age);
    ar.array("residents/experience", r.experience);
    ar.array("residents/experience_actor", r.experience_actor);
    ar.array("residents/ties", r.ties);
}

template <class Ar, class C>
void archive_communities(Ar& ar, C& c)
{
    ar.column("communities/first", c, FIELD(first));
    ar.column("communities/size", c, FIELD(size));
    ar.column("communities/street", c, FIELD(street));
    ar.column("communities/residents_per_cell", c, FIELD(residents_per_cell));
    ar.column("communities/cells", c, FIELD(cells));
    ar.column("communities/interest_sum", c, FIELD(interest_sum));
    ar.column("communities/committee_trust", c, FIELD(committee.trust));
    ar.column("communities/committee_experience", c, FIELD(committee.experience));
    ar.column("communities/committee_volunteer_hours", c, FIELD(committee.volunteer_hours));
    ar.column("communities/committee_responsiveness", c, FIELD(committee.responsiveness));
    ar.column("communities/gov_trust", c, FIELD(gov_trust));
    ar.column("communities/resident_trust", c, FIELD(resident_trust));
    ar.column("communities/tender_wait", c, FIELD(tender_wait));
    ar.column("communities/coordination", c, FIELD(coordination));
    ar.column("communities/referrals_ok", c, FIELD(referrals_ok));
    ar.column("communities/referrals_bounced", c, FIELD(referrals_bounced));
    ar.column("communities/queue_length", c, FIELD(queue_length));
    ar.column("communities/closures", c, FIELD(closures));
}

template <class Ar, class S>
void archive_institutions(Ar& ar, S& s)
{
    ar.column("streets/priorities", s.streets, FIELD(priorities));
    ar.column("streets/leader_since", s.streets, FIELD(leader_since));
    ar.column("streets/broken_at", s.streets, FIELD(broken_at));
    ar.column("streets/trust_in_district", s.streets, FIELD(trust_in_district));
    ar.column("companies/trust", s.companies, FIELD(trust));
    ar.column("companies/collection", s.companies, FIELD(collection));
    ar.column("companies/hours_left", s.companies, FIELD(hours_left));
    ar.column("orgs/active", s.orgs, FIELD(active));
    ar.column("orgs/type", s.orgs, FIELD(type));
    ar.column("orgs/capacity", s.orgs, FIELD(capacity));
    ar.column("orgs/reserves", s.orgs, FIELD(reserves));
    ar.column("orgs/quality", s.orgs, FIELD(quality));
    ar.column("orgs/trust", s.orgs, FIELD(trust));
    ar.column("orgs/focus", s.orgs, FIELD(focus));
    ar.column("orgs/contract", s.orgs, FIELD(contract));
    ar.column("orgs/hours_left", s.orgs, FIELD(hours_left));
    ar.column("contracts/active", s.contracts, FIELD(active));
    ar.column("contracts/org", s.contracts, FIELD(org));
    ar.column("contracts/start", s.contracts, FIELD(start));
    ar.column("contracts/end", s.contracts, FIELD(end));
    ar.column("contracts/value_per_week", s.contracts, FIELD(value_per_week));
    ar.column("contracts/next_payment", s.contracts, FIELD(next_payment));
    ar.column("contracts/paid_until", s.contracts, FIELD(paid_until));
    ar.column("contracts/late_due", s.contracts, FIELD(late_due));
    ar.column("contracts/late_amount", s.contracts, FIELD(late_amount));
    ar.column("contracts/broken", s.contracts, FIELD(broken));
    ar.column("contracts/assigned", s.contracts, FIELD(assigned));
    ar.column("contracts/resolved", s.contracts, FIELD(resolved));
}

#undef FIELD

//! Every variable of State, once. Counters are not saved: they are reset at
//! the start of every week.
template <class Ar, class S>
void archive_state(Ar& ar, S& s)
{
    ar.scalar("step", s.step);
    ar.scalar("compounds", s.compounds);
    ar.scalar("org_slots", s.org_slots);
    ar.scalar("degree", s.degree);
    archive_residents(ar, s.residents);
    archive_communities(ar, s.communities);
    archive_institutions(ar, s);
    ar.array("queue", s.queue);
    ar.array("closed", s.closed);
}

//! Which slots' played organizations closed (human.h): the moves a
//! resumed run replays do not say so. One flag per organization slot.
std::vector<std::uint8_t> played_closed(const State& s)
{
    std::vector<std::uint8_t> closed(s.orgs.size(), 0);
    for (std::size_t k = 0; k < std::min(s.human.orgs.size(), closed.size()); ++k) closed[k] = s.human.orgs[k].closed;
    return closed;
}

}  // namespace

void write_checkpoint(const std::string& path, const Model& model, RunWriter* history, bool replace)
{
    PendingFile pending(path, replace);
    {
        h5::File f = h5::File::create(pending.temporary());
        write_common_attributes(f, CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_VERSION);
        f.set_attr("/", "seed", static_cast<std::int64_t>(model.seed()));
        f.set_attr("/", "step", static_cast<std::int64_t>(model.steps_done()));
        f.set_attr("/", "scenario", model.scenario().to_toml());
        f.create_group("/segments");
        write_segments(f, model.segments());
        f.create_group("/state");
        Saver saver(f);
        archive_state(saver, model.state());
        saver.array("orgs/played_closed", played_closed(model.state()));
        if (history) history->copy_history(f);
        f.close();
    }
    pending.commit();
}

namespace {

//! The sizes the state must have under the scenario the checkpoint names,
//! after checking its scalar attributes against that scenario.
StateSizes check_state_scalars(const h5::File& f, const Params& p)
{
    const std::int64_t step = f.attr_int("/", "step", 0, p.time_steps);
    if (f.attr_int("/state", "step", 0, p.time_steps) != step)
        throw h5::InvalidFile(f.path() + ": attribute /state@step differs from /@step (" + std::to_string(step) + ")");
    f.attr_int("/state", "compounds", p.city_compounds_per_community, p.city_compounds_per_community);
    f.attr_int("/state", "org_slots", p.socorg_max_per_community, p.socorg_max_per_community);
    f.attr_int("/state", "degree", p.network_degree, p.network_degree);
    const auto C = static_cast<std::size_t>(p.city_communities);
    return {C * static_cast<std::size_t>(p.city_residents_per_community),
            C,
            static_cast<std::size_t>(p.city_streets),
            C * static_cast<std::size_t>(p.city_compounds_per_community),
            static_cast<std::size_t>(p.socorg_max_per_community),
            static_cast<std::size_t>(p.network_degree)};
}

//! Throws h5::InvalidFile naming the checkpoint, the array and the row.
[[noreturn]] void bad(const std::string& path, const std::string& name, std::size_t row, const std::string& what)
{
    throw h5::InvalidFile(path + ": /state/" + name + " row " + std::to_string(row) + ": " + what);
}

void check_community_layout(const State& s, const Params& p, const std::string& path)
{
    // The layout follows from the parameters (population.cpp, layout_communities).
    const auto R = static_cast<std::uint32_t>(p.city_residents_per_community);
    const auto per_cell =
        static_cast<std::uint32_t>(std::min<std::int64_t>(R, p.grid_households_per_cell * p.city_household_size));
    for (std::size_t c = 0; c < s.communities.size(); ++c) {
        const Community& com = s.communities[c];
        if (com.first != c * R || com.size != R)
            bad(path, "communities/first", c,
                "does not cover residents " + std::to_string(c * R) + "+" + std::to_string(R));
        if (com.street >= s.streets.size()) bad(path, "communities/street", c, "no such street");
        if (com.residents_per_cell != per_cell || com.cells != (R + per_cell - 1) / std::max(per_cell, 1u))
            bad(path, "communities/residents_per_cell", c, "expected " + std::to_string(per_cell));
        if (com.queue_length > com.size) bad(path, "communities/queue_length", c, "longer than the community");
        if (com.closures > com.size) bad(path, "communities/closures", c, "more than the community's residents");
        for (std::uint32_t q = 0; q < com.queue_length; ++q)
            if (s.queue[com.first + q] >= com.size)
                bad(path, "queue", com.first + q, "not a resident of the community");
        for (std::uint32_t q = 0; q < com.closures; ++q)
            if (s.closed[com.first + q] >= com.size)
                bad(path, "closed", com.first + q, "not a resident of the community");
    }
}

void check_residents(const State& s, const std::string& path)
{
    const Residents& r = s.residents;
    const auto slots = static_cast<unsigned>(std::max(s.org_slots, 1));
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.kind[i] >= KINDS) bad(path, "residents/kind", i, "not a household kind");
        if (r.issue_stage[i] > ORPHANED) bad(path, "residents/issue_stage", i, "not an issue stage");
        if (r.issue_domain[i] < -1 || r.issue_domain[i] >= DOMAINS ||
            (r.issue_stage[i] != NO_ISSUE && r.issue_stage[i] != ORPHANED && r.issue_domain[i] < 0))
            bad(path, "residents/issue_domain", i, "not a domain");
        if (r.issue_handler[i] >= ACTORS) bad(path, "residents/issue_handler", i, "not an actor");
        if (r.issue_slot[i] >= slots ||
            (r.issue_handler[i] == SOCORG && s.org_slots == 0 && r.issue_stage[i] == AT_HANDLER))
            bad(path, "residents/issue_slot", i, "no such organization slot");
        if (r.experience[i] > LAPSED) bad(path, "residents/experience", i, "not an experience code");
        if (r.experience_actor[i] >= ACTORS) bad(path, "residents/experience_actor", i, "not an actor");
    }
    for (const Community& com : s.communities)
        for (std::size_t i = com.first * std::size_t(s.degree); i < (com.first + com.size) * std::size_t(s.degree); ++i)
            if (r.ties[i] != NO_TIE && r.ties[i] >= com.size)
                bad(path, "residents/ties", i, "not a resident of the community");
}

void check_institutions(const State& s, const std::string& path)
{
    for (std::size_t k = 0; k < s.orgs.size(); ++k) {
        if (s.orgs[k].type > GRASSROOTS) bad(path, "orgs/type", k, "not an organization type");
        if (s.orgs[k].contract < -1 || s.orgs[k].contract >= s.org_slots)
            bad(path, "orgs/contract", k, "no such contract slot");
    }
    for (std::size_t k = 0; k < s.contracts.size(); ++k)
        if (s.contracts[k].org < -1 || s.contracts[k].org >= s.org_slots)
            bad(path, "contracts/org", k, "no such organization slot");
}

//! Every index and code of a loaded state within its bounds, so that no
//! phase can read past an array (shapes were checked by the Loader).
void check_state(const State& s, const Params& p, const std::string& path)
{
    check_community_layout(s, p, path);
    check_residents(s, path);
    check_institutions(s, path);
}

//! The flags played_closed() wrote, back into the state's human choices
//! (Model keeps them when it replays the moves).
void load_played_closed(Loader& loader, State& s, const std::string& path)
{
    std::vector<std::uint8_t> closed;
    loader.array("orgs/played_closed", closed);
    for (std::size_t k = 0; k < closed.size(); ++k) {
        if (closed[k] > 1) bad(path, "orgs/played_closed", k, "expected 0 or 1");
        if (closed[k]) s.human.close_org(k, closed.size());
    }
}

}  // namespace

Checkpoint read_checkpoint(const std::string& path)
{
    const h5::File f = h5::File::open(path);
    const auto version = check_format(f, CHECKPOINT_FORMAT, "checkpoint", CHECKPOINT_FORMAT_VERSION);
    if (version != CHECKPOINT_FORMAT_VERSION)  // the state layout follows the code: no older ones either
        throw h5::InvalidFile(path + ": checkpoint format version " + std::to_string(version) +
                              ", but this cogov reads only " + std::to_string(CHECKPOINT_FORMAT_VERSION));
    Checkpoint cp;
    cp.path = path;
    cp.seed = static_cast<std::uint64_t>(f.attr_as<std::int64_t>("/", "seed"));
    cp.segments = read_segments(f);
    const Params& p = cp.segments.back().scenario.params;
    Loader loader(f, check_state_scalars(f, p));
    archive_state(loader, cp.state);
    check_state(cp.state, p, path);
    load_played_closed(loader, cp.state, path);
    const std::size_t C = cp.state.communities.size();
    cp.state.counters.assign(C, Counters{});
    cp.state.street_counters.assign(cp.state.streets.size(), StreetCounters{});
    return cp;
}

}  // namespace cogov
