/** Template syntax or the text JavaScript makes of missing values: none may reach a draft. */
const UNRESOLVED = /\{\{|\}\}|\$\{|\b(?:undefined|null|NaN)\b/;

export function unresolvedIn(text: string): string | null {
  return UNRESOLVED.exec(text)?.[0] ?? null;
}

/** Throws when a filled draft still holds a placeholder; the handler turns that into a failed plan. */
export function assertResolved<T extends { [K in keyof T]: string }>(draft: T, what: string): T {
  for (const [field, text] of Object.entries<string>(draft)) {
    const found = unresolvedIn(text);
    if (found !== null) throw new Error(`Draft ${what} has unresolved text "${found}" in its ${field}`);
  }
  return draft;
}
