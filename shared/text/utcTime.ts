/**
 * A Unix time as a person reads it, the same in every language and on every machine:
 * "2023-11-14 22:13:20 UTC". No locale APIs, so a refusal's English and its 简体中文 show the
 * same date and tests can write it by hand.
 */
export function utcDateTime(unixSeconds: number): string {
  // toISOString is fixed by the ECMAScript spec (always UTC, always this shape), unlike Intl.
  const iso = new Date(Math.floor(unixSeconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
