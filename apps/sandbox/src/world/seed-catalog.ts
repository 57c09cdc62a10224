/**
 * Raw material of the generated company world. Every person and company is invented; every
 * domain is under the reserved .test TLD.
 */
export const OUR_ACCOUNT = {
  name: 'Riley Morgan',
  email: 'founder@caseyos-demo.test',
  alias: 'sales@caseyos-demo.test',
  company: 'CaseyOS Demo',
} as const;

export const OWNERS = [
  { firstName: 'Riley', lastName: 'Morgan', email: OUR_ACCOUNT.email },
  { firstName: 'Sam', lastName: 'Okafor', email: 'sam@caseyos-demo.test' },
  { firstName: 'Jordan', lastName: 'Lindqvist', email: 'jordan@caseyos-demo.test' },
] as const;

export const COMPANIES = [
  { name: 'Brightline Analytics', domain: 'brightline-analytics.test', industry: 'COMPUTER_SOFTWARE' },
  { name: 'Cedarstone Legal', domain: 'cedarstone-legal.test', industry: 'LEGAL_SERVICES' },
  { name: 'Halcyon Robotics', domain: 'halcyon-robotics.test', industry: 'MACHINERY' },
  { name: 'Juniper Health Partners', domain: 'juniper-health.test', industry: 'HOSPITAL_HEALTH_CARE' },
  { name: 'Keystone Freight', domain: 'keystone-freight.test', industry: 'LOGISTICS_AND_SUPPLY_CHAIN' },
  { name: 'Lumen Ledger', domain: 'lumen-ledger.test', industry: 'FINANCIAL_SERVICES' },
  { name: 'Marlow Studio', domain: 'marlow-studio.test', industry: 'DESIGN' },
  { name: 'Orchard Table Foods', domain: 'orchard-table.test', industry: 'FOOD_PRODUCTION' },
  { name: 'Pinecrest Energy', domain: 'pinecrest-energy.test', industry: 'RENEWABLES_ENVIRONMENT' },
  { name: 'Quarry Labs', domain: 'quarry-labs.test', industry: 'RESEARCH' },
  { name: 'Riverbend Hospitality', domain: 'riverbend-hospitality.test', industry: 'HOSPITALITY' },
  { name: 'Tidewater Marine Supply', domain: 'tidewater-marine.test', industry: 'MARITIME' },
] as const;

export const FIRST_NAMES = [
  'Avery',
  'Blake',
  'Camila',
  'Dario',
  'Elif',
  'Farah',
  'Gideon',
  'Hana',
  'Imani',
  'Jonah',
  'Kiran',
  'Leona',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Silas',
  'Tamsin',
  'Umar',
  'Vera',
  'Wes',
  'Xiomara',
  'Yusuf',
  'Zora',
  'Anders',
  'Bea',
  'Cyrus',
  'Delphine',
] as const;

export const LAST_NAMES = [
  'Abernathy',
  'Brennan',
  'Castellano',
  'Dunmore',
  'Eriksen',
  'Falk',
  'Galloway',
  'Halvorsen',
  'Iwata',
  'Jovanovic',
  'Kowalczyk',
  'Lachance',
  'Mbeki',
  'Nakashima',
  'Okonkwo',
  'Pellegrini',
  'Quintero',
  'Rasmussen',
  'Szabo',
  'Thorne',
  'Udeh',
  'Varga',
  'Whitcombe',
  'Yilmaz',
] as const;

export const JOB_TITLES = [
  'VP Operations',
  'Head of Finance',
  'CTO',
  'Procurement Manager',
  'COO',
  'Director of IT',
  'Revenue Operations Lead',
  'Chief of Staff',
  'Head of Partnerships',
  'Operations Analyst',
] as const;

export const LIFECYCLE_STAGES = ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'] as const;

export const DEAL_PRODUCTS = ['Platform annual', 'Pilot (3 months)', 'Seat expansion', 'Enterprise rollout', 'Analytics add-on', 'Multi-year renewal'] as const;

export const MEETING_KINDS = ['Discovery call', 'Product demo', 'Pricing review', 'Security questionnaire walkthrough', 'Kickoff'] as const;

export const OUTBOUND_OPENERS = [
  'Thanks again for the time on our call. As promised, here is a short summary of what we discussed and the proposed next steps.',
  'Following up on the proposal I sent over. Happy to walk your team through the pricing options whenever suits.',
  'Quick note to share the security documentation your team asked for, plus a couple of customer references.',
  'I put together a draft rollout plan based on your timeline. Would Thursday work to review it together?',
] as const;

export const REPLY_LINES = [
  'Thanks, this is helpful. Let me loop in our finance lead and come back to you by Friday.',
  'Appreciate the follow-up. We are aligned internally; can you send over the order form?',
  'Sorry for the slow reply, it has been a busy quarter. Could we push the review to next week?',
  'Looks good. One question on the data residency section before we sign.',
] as const;
