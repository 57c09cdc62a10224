export type { DraftAccount, DraftContext } from './draft-context';
export { type AssetDraft, renderAsset } from './asset-templates';
export { type EmailDraft, renderEmail } from './email-templates';
export { type MeetingDraft, renderMeeting } from './meeting-templates';
export { type TaskDraft, renderTask } from './task-templates';
