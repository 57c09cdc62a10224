/** What one detection job looks at: a stored signal, or a task or meeting execution whose fate is read from the provider. */
export const DETECTION_UNITS = ['signal', 'task', 'meeting'] as const;
export type DetectionUnit = (typeof DETECTION_UNITS)[number];

/** A detection that failed every try: kept with its error until retried by hand. */
export interface DeadLetterView {
  id: string;
  unit: DetectionUnit;
  /** The signal id, or the execution id for a task or meeting. */
  subject_id: string;
  error: string;
  attempts: number;
  first_tried_at: string;
  failed_at: string | null;
}

export interface DeadLettersResponse {
  items: DeadLetterView[];
  /** All dead letters, when more are kept than listed. */
  total: number;
}
