/**
 * Replaces each `{{key}}` with its value in one pass, so a value that itself looks like a placeholder
 * is never expanded again. Unknown keys stay as they are, for the guard to catch.
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => (Object.hasOwn(values, key) ? values[key] : placeholder));
}
