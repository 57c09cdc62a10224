/** Identity of the emulated HubSpot portal and OAuth app. */
export const HUBSPOT_PORTAL = {
  hubId: 24_681_357,
  hubDomain: 'caseyos-demo.test',
  appId: 3_141_592,
  userId: 71_234_501,
} as const;

/** HUBSPOT_DEFINED association type ids from a task, as HubSpot documents them. */
export const TASK_ASSOCIATION_TYPES: Record<number, 'contacts' | 'deals' | 'companies'> = {
  204: 'contacts',
  216: 'deals',
  192: 'companies',
};
