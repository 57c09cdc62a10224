/** HubSpot's default deal pipeline, the one every portal starts with. */
export interface PipelineStageDefinition {
  id: string;
  label: string;
  probability: number;
  isClosed: boolean;
}

export const PIPELINE_ID = 'default';
export const PIPELINE_LABEL = 'Sales Pipeline';

export const PIPELINE_STAGES: readonly PipelineStageDefinition[] = [
  { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2, isClosed: false },
  { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4, isClosed: false },
  { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: 0.6, isClosed: false },
  { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: 0.8, isClosed: false },
  { id: 'contractsent', label: 'Contract Sent', probability: 0.9, isClosed: false },
  { id: 'closedwon', label: 'Closed Won', probability: 1, isClosed: true },
  { id: 'closedlost', label: 'Closed Lost', probability: 0, isClosed: true },
];

/** Open stages in order; a deal moves forward or backward along these, or closes. */
export const OPEN_STAGE_IDS = PIPELINE_STAGES.filter((s) => !s.isClosed).map((s) => s.id);

export function findStage(stageId: string): PipelineStageDefinition | undefined {
  return PIPELINE_STAGES.find((s) => s.id === stageId);
}
