import type { CrmCompany, CrmContact, CrmDeal, CrmOwner, CrmTask } from './crm-records';

/** The emulated portal's CRM objects, with HubSpot-like numeric string ids. */
export class CrmStore {
  readonly owners = new Map<string, CrmOwner>();
  readonly companies = new Map<string, CrmCompany>();
  readonly contacts = new Map<string, CrmContact>();
  readonly deals = new Map<string, CrmDeal>();
  readonly tasks = new Map<string, CrmTask>();
  private nextIds = { owner: 71_234_501, company: 20_001, contact: 101, deal: 5_001, task: 80_001 };

  addOwner(owner: Omit<CrmOwner, 'id'>): CrmOwner {
    const record = { ...owner, id: String(this.nextIds.owner++) };
    this.owners.set(record.id, record);
    return record;
  }

  addCompany(company: Omit<CrmCompany, 'id'>): CrmCompany {
    const record = { ...company, id: String(this.nextIds.company++) };
    this.companies.set(record.id, record);
    return record;
  }

  addContact(contact: Omit<CrmContact, 'id'>): CrmContact {
    const record = { ...contact, id: String(this.nextIds.contact++) };
    this.contacts.set(record.id, record);
    return record;
  }

  addDeal(deal: Omit<CrmDeal, 'id'>): CrmDeal {
    const record = { ...deal, id: String(this.nextIds.deal++) };
    this.deals.set(record.id, record);
    return record;
  }

  addTask(task: Omit<CrmTask, 'id'>): CrmTask {
    const record = { ...task, id: String(this.nextIds.task++) };
    this.tasks.set(record.id, record);
    return record;
  }

  contactByEmail(email: string): CrmContact | undefined {
    const wanted = email.toLowerCase();
    return [...this.contacts.values()].find((c) => c.email.toLowerCase() === wanted);
  }

  contactsOfCompany(companyId: string): CrmContact[] {
    return [...this.contacts.values()].filter((c) => c.companyId === companyId);
  }

  moveDeal(deal: CrmDeal, stageId: string, now: number): void {
    deal.stageId = stageId;
    deal.updatedAt = now;
  }
}
