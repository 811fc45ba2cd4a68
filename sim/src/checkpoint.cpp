// Saving and loading the full state. One function, archive_state(), lists
// every variable once; a Saver writes them and a Loader reads them back.
#include "cogov/sim/checkpoint.h"

#include <array>
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

class Loader {
public:
    explicit Loader(const h5::File& f) : f_(f) {}

    template <class T>
    void array(const std::string& name, std::vector<T>& v, std::size_t = 1)
    {
        const auto data = f_.read<Stored<T>>("/state/" + name).data;
        v.assign(data.begin(), data.end());
    }

    template <class Item, class Get>
    void column(const std::string& name, std::vector<Item>& items, Get get)
    {
        using Field = std::decay_t<decltype(get(items.front()))>;
        using Traits = ArrayTraits<Field>;
        const auto data = f_.read<Stored<typename Traits::value_type>>("/state/" + name);
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

    void scalar(const std::string& name, std::int64_t& v) { v = f_.attr_as<std::int64_t>("/state", name); }
    void scalar(const std::string& name, int& v) { v = static_cast<int>(f_.attr_as<std::int64_t>("/state", name)); }

private:
    const h5::File& f_;
};

#define FIELD(expr) [](auto& x) -> auto& { return x.expr; }

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

}  // namespace

void write_checkpoint(const std::string& path, const Model& model, RunWriter* history)
{
    PendingFile pending(path);
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
        if (history) history->copy_history(f);
        f.close();
    }
    pending.commit();
}

Checkpoint read_checkpoint(const std::string& path)
{
    const h5::File f = h5::File::open(path);
    const auto version = check_format(f, CHECKPOINT_FORMAT, "checkpoint", CHECKPOINT_FORMAT_VERSION);
    if (version != CHECKPOINT_FORMAT_VERSION)  // the state layout follows the code: no older ones either
        throw h5::Error(path + ": checkpoint format version " + std::to_string(version) + ", but this cogov reads only " +
                        std::to_string(CHECKPOINT_FORMAT_VERSION));
    Checkpoint cp;
    cp.path = path;
    cp.seed = static_cast<std::uint64_t>(f.attr_as<std::int64_t>("/", "seed"));
    cp.segments = read_segments(f);
    Loader loader(f);
    archive_state(loader, cp.state);
    const std::size_t C = cp.state.communities.size();
    cp.state.counters.assign(C, Counters{});
    cp.state.street_counters.assign(cp.state.streets.size(), StreetCounters{});
    return cp;
}

}  // namespace cogov
