// Actor types and issue domains: the model's fixed vocabularies.
#pragma once

#include <array>
#include <cstdint>

namespace cogov {

//! Actor types, in the order of the trust matrix's rows and columns.
enum Actor : std::uint8_t { GOVERNMENT = 0, SOCORG = 1, PROPERTY = 2, COMMITTEE = 3, RESIDENT = 4 };
constexpr int ACTORS = 5;
constexpr std::array<const char*, ACTORS> ACTOR_NAMES = {"government", "social_organization", "property_company",
                                                         "resident_committee", "residents"};

//! Issue domains; interests and priorities are weights over these.
enum Domain : std::uint8_t {
    ELDER_CARE = 0,
    SANITATION,
    SAFETY,
    PROPERTY_MAINTENANCE,
    FAMILY_DISPUTES,
    HEALTH,
    CULTURE_EDUCATION
};
constexpr int DOMAINS = 7;
constexpr std::array<const char*, DOMAINS> DOMAIN_NAMES = {"elder_care",           "sanitation_environment", "safety",
                                                           "property_maintenance", "family_disputes",        "health",
                                                           "culture_education"};

//! Which actor type a domain's issues belong to once reported. Social
//! services go to a contracted social organization when there is one and to
//! the government otherwise; the committee refers what is not its own.
constexpr std::array<Actor, DOMAINS> DOMAIN_REMIT = {SOCORG, COMMITTEE,  COMMITTEE, PROPERTY,
                                                     SOCORG, GOVERNMENT, SOCORG};

//! Household kinds; each has its own need profile and mobility.
enum Kind : std::uint8_t { WORKING = 0, ELDERLY, FAMILY, MIGRANT };
constexpr int KINDS = 4;
constexpr std::array<const char*, KINDS> KIND_NAMES = {"working_age", "elderly", "family", "migrant"};

//! Interest profile of each household kind over the domains (rows sum to 1).
constexpr std::array<std::array<float, DOMAINS>, KINDS> KIND_INTERESTS = {{
    {0.05f, 0.25f, 0.15f, 0.30f, 0.05f, 0.10f, 0.10f},  // working-age
    {0.40f, 0.10f, 0.10f, 0.10f, 0.05f, 0.20f, 0.05f},  // elderly
    {0.05f, 0.10f, 0.20f, 0.15f, 0.10f, 0.10f, 0.30f},  // families with children
    {0.02f, 0.15f, 0.25f, 0.10f, 0.15f, 0.23f, 0.10f},  // migrant workers
}};
//! Multiplier on needs.rate by kind.
constexpr std::array<float, KINDS> KIND_NEED_FACTOR = {1.0f, 1.5f, 1.2f, 0.8f};
//! Multiplier on power.mobility by kind.
constexpr std::array<float, KINDS> KIND_MOBILITY_FACTOR = {1.0f, 0.3f, 0.7f, 3.0f};

//! Social organization types.
enum OrgType : std::uint8_t { HUB = 0, AGENCY, GRASSROOTS };
constexpr std::array<const char*, 3> ORG_TYPE_NAMES = {"hub", "agency", "grassroots"};
//! Relative capacity, quality and overhead of each organization type.
constexpr std::array<float, 3> ORG_CAPACITY_FACTOR = {1.0f, 1.5f, 0.5f};
constexpr std::array<float, 3> ORG_QUALITY = {0.75f, 0.85f, 0.65f};
constexpr std::array<float, 3> ORG_OVERHEAD_FACTOR = {1.0f, 1.2f, 0.3f};

//! Property companies' service profile (what they are there to do).
constexpr std::array<float, DOMAINS> PROPERTY_PROFILE = {0.0f, 0.3f, 0.2f, 0.5f, 0.0f, 0.0f, 0.0f};

}  // namespace cogov
