/** Small UI preferences (theme, language) in localStorage. Storage may be unavailable; the choice then lasts for the session. */
export function readPreference(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not persisted; the in-memory choice still applies.
  }
}
