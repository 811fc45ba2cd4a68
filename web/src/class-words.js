// Plain words for the class pages: roles, decisions, answers, outcomes.

export const ROLE_WORDS = {
  resident: 'Resident',
  organization: 'Social organization',
  leader: 'Street leader',
};

// Each decision: the question, and the words for yes and no.
export const DECISIONS = {
  report: { question: 'Open issue', yes: 'Report it', no: 'Stay silent' },
  take_part: { question: 'Community activities', yes: 'Take part', no: 'Stay away' },
  invest: { question: 'Reserves', yes: 'Invest in capacity', no: 'Hold back' },
  bid: { question: 'Contract market', yes: 'Bid for contracts', no: 'Exit' },
  pay: { question: 'Payments to organizations', yes: 'Pay on time', no: 'Delay' },
  renew: { question: 'Contracts at term end', yes: 'Renew', no: 'Drop' },
};

export function answerWords(decision, choice) {
  if (choice === 'model') return 'not chosen (the model decides)';
  return DECISIONS[decision][choice];
}

const pct = (x) => `${Math.round(100 * x)}%`;
const count = (x) => Math.round(x).toString();
const num = (x) => (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(1));

// Outcomes on the dashboard, in display order: label, format.
export const OUTCOMES = [
  ['participation', 'Residents taking part', pct],
  ['trust_government', "Residents' trust in government", (x) => x.toFixed(2)],
  ['backlog', 'Open reported issues', count],
  ['resolved', 'Issues resolved this week', count],
  ['organizations', 'Active social organizations', count],
];

// What a player's agent is like now, as short lines.
export function agentLines(role, a) {
  if (role === 'resident') {
    const issue = a.issue ? `Open issue: ${a.issue.domain.replace(/_/g, ' ')} (${a.issue.stage}, ${a.issue.weeks} weeks)` : 'No open issue this week';
    return [issue, a.took_part ? 'Took part last week' : 'Did not take part last week',
      `Trust in the resident committee: ${pct(a.trust_committee)}`];
  }
  if (role === 'organization') {
    if (!a.open) return ['Your organization has closed.'];
    return [`A ${a.type} organization in community ${a.community + 1}`,
      a.contract ? 'Holds a service contract' : 'No contract now',
      `Reserves: ${num(a.reserves)} thousand CNY; capacity ${num(a.capacity)} hours a week`,
      `Trust in government: ${pct(a.trust_government)}`];
  }
  const lines = [`Street office ${a.street + 1}: ${a.communities} communities`,
    `Contracts running: ${a.contracts}`,
    `Payments last week: ${a.paid_on_time} on time, ${a.paid_late} late`];
  if (a.orgs_trust_government != null) lines.push(`Organizations' trust in the street office: ${pct(a.orgs_trust_government)}`);
  return lines;
}
