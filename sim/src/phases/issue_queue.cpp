#include "issue_queue.h"

namespace cogov {

void enqueue_issue(State& s, std::uint32_t c, std::size_t i)
{
    Community& com = s.communities[c];
    s.residents.issue_stage[i] = AT_COMMITTEE;
    s.queue[com.first + com.queue_length++] = static_cast<std::uint32_t>(i - com.first);
}

void record_experience(State& s, std::uint32_t c, std::size_t i, Experience e, Actor actor)
{
    Community& com = s.communities[c];
    if (s.residents.experience[i] == NO_EXPERIENCE)
        s.closed[com.first + com.closures++] = static_cast<std::uint32_t>(i - com.first);
    s.residents.experience[i] = e;
    s.residents.experience_actor[i] = actor;
}

void close_lapsed(State& s, std::uint32_t c, std::size_t i)
{
    s.residents.issue_stage[i] = NO_ISSUE;
    record_experience(s, c, i, LAPSED, COMMITTEE);
}

}  // namespace cogov
