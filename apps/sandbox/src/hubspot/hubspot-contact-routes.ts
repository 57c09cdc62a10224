import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmContact } from '../world/crm-records';
import { CONTACT_PROPERTIES, contactPropertyMap, objectView, propertyList } from './crm-object-views';
import { type SearchSchema, searchRecords } from './crm-search';
import { HUBSPOT_SCOPES } from './hubspot-scopes';

const CONTACT_SEARCH_SCHEMA: SearchSchema = {
  known: new Set([
    'company',
    'createdate',
    'email',
    'firstname',
    'hs_object_id',
    'hubspot_owner_id',
    'jobtitle',
    'lastmodifieddate',
    'lastname',
    'lifecyclestage',
    'phone',
    'website',
  ]),
  dates: new Set(['createdate', 'lastmodifieddate']),
  numbers: new Set(['hs_object_id']),
  queryable: ['firstname', 'lastname', 'email', 'company', 'phone', 'website'],
};

export function registerContactRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const view = (contact: CrmContact, properties: string[] | undefined) =>
    objectView(contact.id, contactPropertyMap(contact, ctx.world.crm), properties, CONTACT_PROPERTIES, contact);

  const read = { config: { hubspotScopes: HUBSPOT_SCOPES.contactsRead } };
  scope.post('/crm/v3/objects/contacts/search', read, async (request) => {
    const { crm } = ctx.world;
    const page = searchRecords(
      [...crm.contacts.values()].map((c) => ({ id: c.id, properties: contactPropertyMap(c, crm) })),
      request.body,
      CONTACT_SEARCH_SCHEMA,
      ctx.settings.hubspotSearchResultCap,
    );
    const requested = propertyList((request.body as { properties?: unknown }).properties);
    return {
      total: page.total,
      results: page.results.map((r) => view(crm.contacts.get(r.id) as CrmContact, requested)),
      ...(page.nextAfter ? { paging: { next: { after: page.nextAfter } } } : {}),
    };
  });

  // `idProperty=email` looks a contact up by its (unique) email instead of its id.
  scope.get<{ Params: { contactId: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/contacts/:contactId', read, async (request) => {
    const { contactId } = request.params;
    const idProperty = request.query.idProperty;
    if (idProperty !== undefined && idProperty !== 'email' && idProperty !== 'hs_object_id') {
      throw hubspotErrors.validation(`Property "${String(idProperty)}" is not a unique identifier property for contacts.`);
    }
    const contact = idProperty === 'email' ? ctx.world.crm.contactByEmail(contactId) : ctx.world.crm.contacts.get(contactId);
    if (!contact) throw hubspotErrors.objectNotFound(contactId);
    return view(contact, propertyList(request.query.properties));
  });
}
