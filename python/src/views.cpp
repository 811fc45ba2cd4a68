// Read-only NumPy views of a model's state, without copies: resident
// arrays as they are stored (struct-of-arrays), institution fields as
// strided views into their structs. Every view keeps its Model alive.
#include <pybind11/numpy.h>

#include <algorithm>

#include "bindings.h"
#include "model_handle.h"

namespace cogov::python {
namespace {

//! The Python Model a view belongs to, and its state.
struct StateRef {
    py::object owner;  //!< the cogov.Model: the base object of every array
    const State* state() const { return &owner.cast<const ModelHandle&>().model.state(); }
    const ModelHandle& handle() const { return owner.cast<const ModelHandle&>(); }
};
struct ResidentsView : StateRef {};
struct CommunitiesView : StateRef {};
struct StreetsView : StateRef {};
struct CompaniesView : StateRef {};
struct OrgsView : StateRef {};
struct ContractsView : StateRef {};

using Dims = std::vector<py::ssize_t>;

void make_read_only(py::array& a)
{
    py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
}

//! A read-only array over memory the model owns.
template <class T>
py::array view(const StateRef& ref, const T* data, Dims shape, Dims strides)
{
    py::array a(py::dtype::of<T>(), std::move(shape), std::move(strides), data, ref.owner);
    make_read_only(a);
    return a;
}

//! A resident array: (residents,) or (residents, per) for `per` values each.
template <class T>
py::array residents(const ResidentsView& r, const std::vector<T>& v, py::ssize_t per = 1)
{
    const auto n = static_cast<py::ssize_t>(r.state()->residents.size());
    if (per == 1) return view<T>(r, v.data(), {n}, {sizeof(T)});
    return view<T>(r, v.data(), {n, per}, {per * py::ssize_t(sizeof(T)), sizeof(T)});
}

//! One field of a vector of structs, the items seen as an array of shape
//! `outer` (C order), plus a trailing dimension of `inner` values when the
//! field is an array. `field(item)` points at the field within an item.
template <class T, class S, class Field>
py::array fields(const StateRef& ref, const std::vector<S>& items, Dims outer, Field field, py::ssize_t inner = 0)
{
    Dims shape = outer, strides(outer.size());
    py::ssize_t stride = sizeof(S);
    for (std::size_t d = outer.size(); d-- > 0;) {
        strides[d] = stride;
        stride *= outer[d];
    }
    if (inner > 0) {
        shape.push_back(inner);
        strides.push_back(sizeof(T));
    }
    if (items.empty()) {  // nothing to point into (e.g. no organization slots)
        py::array a(py::dtype::of<T>(), shape);
        make_read_only(a);
        return a;
    }
    return view<T>(ref, field(items.front()), shape, strides);
}

//! (communities,), (streets,) and (communities, slots or compounds).
Dims rows(const std::vector<Community>& v)
{
    return {static_cast<py::ssize_t>(v.size())};
}
Dims rows(const std::vector<Street>& v)
{
    return {static_cast<py::ssize_t>(v.size())};
}
Dims per_community(const StateRef& r, int per)
{
    return {static_cast<py::ssize_t>(r.state()->communities.size()), static_cast<py::ssize_t>(per)};
}

#define COGOV_FIELD(View, Type, vector, unused, expr, inner)                                                          \
    [](const View& v) {                                                                                               \
        return fields<Type>(                                                                                          \
            v, v.state()->vector, rows(v.state()->vector), [](const auto& x) -> const Type* { return expr; }, inner); \
    }

const char* const TRUST_DOC = "Trust toward each actor type, (..., 5) float32 in [0, 1]; columns in cogov.ACTORS order";

void bind_residents(py::module_& m)
{
    using R = ResidentsView;
    py::class_<R>(m, "Residents",
                  "Read-only NumPy views of every resident's state, without copies, indexed by resident\n"
                  "(community by community: residents of community c are community_first[c] onwards).\n"
                  "Valid while the Model lives, showing the current week. Codes: cogov.KINDS, ISSUE_STAGES, ...")
        .def("__len__", [](const R& r) { return r.state()->residents.size(); })
        .def_property_readonly(
            "trust",
            [](const R& r) {
                // Stored as one array per actor type: this (residents x actors) table is a copy.
                const auto& res = r.state()->residents;
                const auto n = static_cast<py::ssize_t>(res.size());
                py::array_t<float> out({n, py::ssize_t(ACTORS)});
                auto o = out.mutable_unchecked<2>();
                for (int a = 0; a < ACTORS; ++a)
                    for (py::ssize_t i = 0; i < n; ++i) o(i, a) = res.trust[a][static_cast<std::size_t>(i)];
                make_read_only(out);
                return out;
            },
            "Trust of each resident toward each actor type, (residents, 5) float32, columns in cogov.ACTORS order.\n"
            "A COPY (the engine stores one array per actor type); trust_toward(actor) is the view without copy.")
        .def(
            "trust_toward",
            [](const R& r, py::object actor) {
                int a = -1;
                if (py::isinstance<py::str>(actor)) {
                    const auto name = actor.cast<std::string>();
                    for (int k = 0; k < ACTORS; ++k)
                        if (name == ACTOR_NAMES[k]) a = k;
                } else {
                    a = actor.cast<int>();
                }
                if (a < 0 || a >= ACTORS)
                    throw py::value_error("actor: expected one of cogov.ACTORS or 0..4, got " +
                                          py::cast<std::string>(py::repr(actor)));
                return residents(r, r.state()->residents.trust[a]);
            },
            py::arg("actor"),
            "Every resident's trust toward one actor type (name or index), (residents,) float32: a view")
        .def_property_readonly(
            "community",
            [](const R& r) {
                const auto& c = r.handle().community_of;
                return view<std::uint32_t>(r, c.data(), {static_cast<py::ssize_t>(c.size())}, {sizeof(std::uint32_t)});
            },
            "Each resident's community index (fixed for the run), (residents,) uint32")
        .def_property_readonly(
            "interest", [](const R& r) { return residents(r, r.state()->residents.interest, DOMAINS); },
            "Interest weights over cogov.DOMAINS, (residents, 7) float32, rows sum to 1")
        .def_property_readonly(
            "public_spirit", [](const R& r) { return residents(r, r.state()->residents.public_spirit); },
            "[0, 1], float32")
        .def_property_readonly(
            "efficacy", [](const R& r) { return residents(r, r.state()->residents.efficacy); },
            "Political efficacy [0, 1], float32")
        .def_property_readonly(
            "threshold", [](const R& r) { return residents(r, r.state()->residents.threshold); },
            "Granovetter participation threshold, share of ties, float32")
        .def_property_readonly(
            "kind", [](const R& r) { return residents(r, r.state()->residents.kind); },
            "Household kind, uint8 index into cogov.KINDS")
        .def_property_readonly(
            "flags", [](const R& r) { return residents(r, r.state()->residents.flags); },
            "Bits: cogov.PARTY_MEMBER, VOLUNTEER, PARTICIPATED, PARTICIPATING (uint8)")
        .def_property_readonly(
            "platform_rank", [](const R& r) { return residents(r, r.state()->residents.platform_rank); },
            "Adopts the online platform if rank < 256 * platform.adoption (uint8)")
        .def_property_readonly(
            "tenure", [](const R& r) { return residents(r, r.state()->residents.tenure); },
            "Weeks lived here (saturates), uint16")
        .def_property_readonly(
            "issue_domain", [](const R& r) { return residents(r, r.state()->residents.issue_domain); },
            "Domain of the open issue, int8 index into cogov.DOMAINS (meaningful when issue_stage > 0)")
        .def_property_readonly(
            "issue_stage", [](const R& r) { return residents(r, r.state()->residents.issue_stage); },
            "Where the open issue is, uint8 index into cogov.ISSUE_STAGES (0: none)")
        .def_property_readonly(
            "issue_flags", [](const R& r) { return residents(r, r.state()->residents.issue_flags); },
            "Bits: cogov.DISCOVERED, MULTI_ACTOR, JOINT (uint8)")
        .def_property_readonly(
            "issue_handler", [](const R& r) { return residents(r, r.state()->residents.issue_handler); },
            "Actor holding a referred issue, uint8 index into cogov.ACTORS")
        .def_property_readonly(
            "issue_slot", [](const R& r) { return residents(r, r.state()->residents.issue_slot); },
            "Which social organization slot holds it, uint8")
        .def_property_readonly(
            "issue_age", [](const R& r) { return residents(r, r.state()->residents.issue_age); },
            "Weeks since the open issue was raised, uint16")
        .def_property_readonly(
            "experience", [](const R& r) { return residents(r, r.state()->residents.experience); },
            "Experience at closure this week, uint8 index into cogov.EXPERIENCES")
        .def_property_readonly(
            "experience_actor", [](const R& r) { return residents(r, r.state()->residents.experience_actor); },
            "Actor the experience was with, uint8 index into cogov.ACTORS")
        .def_property_readonly(
            "ties", [](const R& r) { return residents(r, r.state()->residents.ties, r.state()->degree); },
            "Network ties, (residents, degree) uint32: local indices within the community, 0xffffffff for none");
}

void bind_communities(py::module_& m)
{
    using C = CommunitiesView;
    py::class_<C>(m, "Communities", "Read-only views of every community's state, (communities, ...), without copies")
        .def("__len__", [](const C& c) { return c.state()->communities.size(); })
        .def_property_readonly("first", COGOV_FIELD(C, std::uint32_t, communities, 0, &x.first, 0),
                               "First resident index")
        .def_property_readonly("size", COGOV_FIELD(C, std::uint32_t, communities, 0, &x.size, 0), "Residents")
        .def_property_readonly("street", COGOV_FIELD(C, std::uint32_t, communities, 0, &x.street, 0), "Street index")
        .def_property_readonly("interest_sum", COGOV_FIELD(C, double, communities, 0, x.interest_sum.data(), DOMAINS),
                               "Residents' interest summed, (communities, 7) over cogov.DOMAINS")
        .def_property_readonly("committee_trust",
                               COGOV_FIELD(C, float, communities, 0, x.committee.trust.data(), ACTORS), TRUST_DOC)
        .def_property_readonly("committee_experience",
                               COGOV_FIELD(C, double, communities, 0, &x.committee.experience, 0),
                               "Committee staff efficiency in (0, 1]; falls with turnover")
        .def_property_readonly("committee_volunteer_hours",
                               COGOV_FIELD(C, double, communities, 0, &x.committee.volunteer_hours, 0),
                               "Volunteer hours given last week, usable this week")
        .def_property_readonly("committee_responsiveness",
                               COGOV_FIELD(C, double, communities, 0, &x.committee.responsiveness, 0),
                               "Last week's served share of demand, [0, 1]")
        .def_property_readonly("gov_trust", COGOV_FIELD(C, float, communities, 0, x.gov_trust.data(), ACTORS),
                               "The street government's trust toward this community's actors, (communities, 5)")
        .def_property_readonly("resident_trust", COGOV_FIELD(C, float, communities, 0, x.resident_trust.data(), ACTORS),
                               "Residents' mean trust at the end of last week, (communities, 5)")
        .def_property_readonly("tender_wait", COGOV_FIELD(C, std::int64_t, communities, 0, &x.tender_wait, 0),
                               "Weeks until the next tender may open")
        .def_property_readonly("coordination", COGOV_FIELD(C, double, communities, 0, &x.coordination, 0),
                               "Government's steering capacity ratio, [0, 1]")
        .def_property_readonly("queue_length", COGOV_FIELD(C, std::uint32_t, communities, 0, &x.queue_length, 0),
                               "Open reported issues in the committee's queue");
}

void bind_institutions(py::module_& m)
{
    using S = StreetsView;
    py::class_<S>(m, "Streets", "Read-only views of every street's state, (streets, ...), without copies")
        .def("__len__", [](const S& s) { return s.state()->streets.size(); })
        .def_property_readonly("priorities", COGOV_FIELD(S, double, streets, 0, x.priorities.data(), DOMAINS),
                               "Leader's spending priorities over cogov.DOMAINS, (streets, 7), rows sum to 1")
        .def_property_readonly("leader_since", COGOV_FIELD(S, std::int64_t, streets, 0, &x.leader_since, 0), "Week")
        .def_property_readonly("broken_at", COGOV_FIELD(S, std::int64_t, streets, 0, &x.broken_at, 0),
                               "Week the last leader change broke commitments (-1: never)")
        .def_property_readonly("trust_in_district", COGOV_FIELD(S, double, streets, 0, &x.trust_in_district, 0),
                               "[0, 1]");

    using P = CompaniesView;
    py::class_<P>(m, "Companies", "Property companies, (communities, compounds, ...), read-only views without copies")
        .def_property_readonly(
            "trust",
            [](const P& p) {
                return fields<float>(
                    p, p.state()->companies, per_community(p, p.state()->compounds),
                    [](const auto& x) { return x.trust.data(); }, ACTORS);
            },
            TRUST_DOC)
        .def_property_readonly(
            "collection",
            [](const P& p) {
                return fields<double>(p, p.state()->companies, per_community(p, p.state()->compounds),
                                      [](const auto& x) { return &x.collection; });
            },
            "Share of fees collected this week");

    using O = OrgsView;
#define COGOV_SLOT(View, Type, vector, expr, inner)                       \
    [](const View& v) {                                                   \
        return fields<Type>(                                              \
            v, v.state()->vector, per_community(v, v.state()->org_slots), \
            [](const auto& x) -> const Type* { return expr; }, inner);    \
    }
    py::class_<O>(m, "Organizations",
                  "Social organization slots, (communities, slots, ...), read-only views without copies")
        .def_property_readonly("active", COGOV_SLOT(O, bool, orgs, &x.active, 0),
                               "The slot holds a working organization")
        .def_property_readonly("type",
                               COGOV_SLOT(O, std::uint8_t, orgs, reinterpret_cast<const std::uint8_t*>(&x.type), 0),
                               "uint8 index into cogov.ORG_TYPES")
        .def_property_readonly("capacity", COGOV_SLOT(O, double, orgs, &x.capacity, 0), "Service hours per week")
        .def_property_readonly("reserves", COGOV_SLOT(O, double, orgs, &x.reserves, 0), "k CNY")
        .def_property_readonly("quality", COGOV_SLOT(O, double, orgs, &x.quality, 0),
                               "Chance an issue it handles is resolved well")
        .def_property_readonly("trust", COGOV_SLOT(O, float, orgs, x.trust.data(), ACTORS), TRUST_DOC)
        .def_property_readonly("focus", COGOV_SLOT(O, float, orgs, x.focus.data(), DOMAINS),
                               "Interest weights over cogov.DOMAINS (sum 1)")
        .def_property_readonly("contract", COGOV_SLOT(O, int, orgs, &x.contract, 0), "Contract slot, or -1");

    using K = ContractsView;
    py::class_<K>(m, "Contracts", "Contract slots, (communities, slots, ...), read-only views without copies")
        .def_property_readonly("active", COGOV_SLOT(K, bool, contracts, &x.active, 0),
                               "The slot holds a running contract")
        .def_property_readonly("org", COGOV_SLOT(K, int, contracts, &x.org, 0), "Organization slot, or -1")
        .def_property_readonly("start", COGOV_SLOT(K, std::int64_t, contracts, &x.start, 0), "Week")
        .def_property_readonly("end", COGOV_SLOT(K, std::int64_t, contracts, &x.end, 0), "Week renewal is decided")
        .def_property_readonly("value_per_week", COGOV_SLOT(K, double, contracts, &x.value_per_week, 0), "k CNY")
        .def_property_readonly("next_payment", COGOV_SLOT(K, std::int64_t, contracts, &x.next_payment, 0),
                               "Week of the next scheduled payment (0: none left)")
        .def_property_readonly("late_due", COGOV_SLOT(K, std::int64_t, contracts, &x.late_due, 0),
                               "Week a delayed payment arrives (0: none)")
        .def_property_readonly("late_amount", COGOV_SLOT(K, double, contracts, &x.late_amount, 0), "k CNY")
        .def_property_readonly("broken", COGOV_SLOT(K, bool, contracts, &x.broken, 0), "A new leader did not keep it")
        .def_property_readonly("assigned", COGOV_SLOT(K, double, contracts, &x.assigned, 0), "Issues this term")
        .def_property_readonly("resolved", COGOV_SLOT(K, double, contracts, &x.resolved, 0),
                               "Issues resolved this term");
#undef COGOV_SLOT
}

}  // namespace

void bind_views(py::module_& m)
{
    bind_residents(m);
    bind_communities(m);
    bind_institutions(m);
    auto attach = [&](const char* name, auto make, const char* doc) { m.def(name, make, py::arg("model"), doc); };
    attach(
        "_residents", [](py::object model) { return ResidentsView{{model}}; }, "");
    attach(
        "_communities", [](py::object model) { return CommunitiesView{{model}}; }, "");
    attach(
        "_streets", [](py::object model) { return StreetsView{{model}}; }, "");
    attach(
        "_companies", [](py::object model) { return CompaniesView{{model}}; }, "");
    attach(
        "_organizations", [](py::object model) { return OrgsView{{model}}; }, "");
    attach(
        "_contracts", [](py::object model) { return ContractsView{{model}}; }, "");

    py::tuple actors(ACTORS), domains(DOMAINS), kinds(KINDS), org_types(ORG_TYPE_NAMES.size());
    for (int k = 0; k < ACTORS; ++k) actors[k] = ACTOR_NAMES[k];
    for (int k = 0; k < DOMAINS; ++k) domains[k] = DOMAIN_NAMES[k];
    for (int k = 0; k < KINDS; ++k) kinds[k] = KIND_NAMES[k];
    for (std::size_t k = 0; k < ORG_TYPE_NAMES.size(); ++k) org_types[k] = ORG_TYPE_NAMES[k];
    m.attr("ACTORS") = actors;
    m.attr("DOMAINS") = domains;
    m.attr("KINDS") = kinds;
    m.attr("ORG_TYPES") = org_types;
    m.attr("ISSUE_STAGES") = py::make_tuple("none", "silent", "at_committee", "at_handler", "orphaned");
    m.attr("EXPERIENCES") = py::make_tuple("none", "good", "bad", "lapsed");
    m.attr("PARTY_MEMBER") = int(PARTY_MEMBER);
    m.attr("VOLUNTEER") = int(VOLUNTEER);
    m.attr("PARTICIPATED") = int(PARTICIPATED);
    m.attr("PARTICIPATING") = int(PARTICIPATING);
    m.attr("DISCOVERED") = int(DISCOVERED);
    m.attr("MULTI_ACTOR") = int(MULTI_ACTOR);
    m.attr("JOINT") = int(JOINT);
    m.attr("NO_TIE") = NO_TIE;
}

}  // namespace cogov::python
