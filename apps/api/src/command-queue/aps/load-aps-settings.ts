import { DOMAINS } from '@caseyos/contracts';
import { DEFAULT_APS_SETTINGS, validateApsSettings } from './aps-settings';
import type { ApsSettings } from './score-inputs';

/**
 * APS_WEIGHTS overrides weight sets per domain as JSON, e.g.
 * {"sales":{"impact":0.4,"urgency":0.2,"intent":0.2,"fit":0.1,"effort":0.1}}.
 * A set that does not sum to 1 stops the start with one line.
 */
export function loadApsSettings(weightsJson: string | undefined): ApsSettings {
  if (!weightsJson) return validateApsSettings(DEFAULT_APS_SETTINGS);
  let overrides: Record<string, ApsSettings['weights'][keyof ApsSettings['weights']]>;
  try {
    overrides = JSON.parse(weightsJson) as typeof overrides;
  } catch {
    throw new Error('APS_WEIGHTS is not valid JSON');
  }
  const unknown = Object.keys(overrides).filter((domain) => !(DOMAINS as readonly string[]).includes(domain));
  if (unknown.length > 0) throw new Error(`APS_WEIGHTS names unknown domains: ${unknown.join(', ')}`);
  return validateApsSettings({ ...DEFAULT_APS_SETTINGS, weights: { ...DEFAULT_APS_SETTINGS.weights, ...overrides } });
}
