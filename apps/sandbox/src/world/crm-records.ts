/** Records of the emulated HubSpot portal. Times are epoch ms; HubSpot renders them as ISO strings. */
export interface CrmOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface CrmCompany {
  id: string;
  name: string;
  domain: string;
  industry: string;
}

export type LifecycleStage = 'subscriber' | 'lead' | 'marketingqualifiedlead' | 'salesqualifiedlead' | 'opportunity' | 'customer';

export interface CrmContact {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  lifecycleStage: LifecycleStage;
  companyId: string;
  ownerId: string;
  createdAt: number;
  updatedAt: number;
}

export interface CrmDeal {
  id: string;
  name: string;
  amount: number;
  stageId: string;
  pipelineId: string;
  closeDate: number;
  ownerId: string;
  companyId: string;
  contactIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface CrmTask {
  id: string;
  /** Task properties as written by the client (hs_timestamp, hs_task_subject, ...). */
  properties: Record<string, string>;
  contactIds: string[];
  dealIds: string[];
  companyIds: string[];
  createdAt: number;
  updatedAt: number;
}
