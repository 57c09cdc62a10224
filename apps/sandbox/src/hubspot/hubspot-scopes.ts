/**
 * HubSpot OAuth scopes per CRM route, as HubSpot's OpenAPI specs declare them (`security`); a
 * token needs one of the route's list. Tasks are governed by the contacts scopes.
 */
export const HUBSPOT_SCOPES = {
  dealsRead: ['crm.objects.deals.read'],
  dealsWrite: ['crm.objects.deals.write'],
  contactsRead: ['crm.objects.contacts.read'],
  contactsWrite: ['crm.objects.contacts.write'],
  /**
   * Pipelines accept any of about a hundred CRM scopes in HubSpot's spec; these are the CRM object
   * and schema scopes among them an app reading deals, contacts or tasks would hold.
   */
  pipelinesRead: [
    'crm.objects.deals.read',
    'crm.objects.deals.write',
    'crm.objects.contacts.read',
    'crm.objects.contacts.write',
    'crm.objects.companies.read',
    'crm.objects.companies.write',
    'crm.objects.tasks.read',
    'crm.schemas.deals.read',
    'crm.schemas.contacts.read',
    'crm.schemas.tasks.read',
    'tickets',
  ],
} as const satisfies Record<string, readonly string[]>;
