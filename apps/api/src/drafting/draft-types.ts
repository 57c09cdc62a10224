/** What other modules may know of drafts: the shapes they receive from DraftingService. */
export type { AssetDraft, ChannelVariant } from './templates/asset-templates';
export type { DraftAccount } from './templates/draft-context';
export type { EmailDraft } from './templates/email-templates';
export type { MeetingDraft } from './templates/meeting-templates';
export type { TaskDraft } from './templates/task-templates';
export type { DraftInput, DraftKind, DraftTrigger } from './writers/draft-writer';
