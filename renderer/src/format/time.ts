/** Chain clock times and durations for display. Chain times are shown in UTC so a lesson reads the same everywhere. */
import type { Language } from '../i18n';

export function formatChainTime(unixSeconds: number, language: Language): string {
  const date = new Date(unixSeconds * 1000);
  return (
    new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
    }).format(date) + ' UTC'
  );
}

/** The same, short enough for a table cell: "1 Jan 04:12" / "1月1日 04:12" (UTC; the full form goes in a tooltip). */
export function formatChainTimeShort(unixSeconds: number, language: Language): string {
  return new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(unixSeconds * 1000));
}

/** 90061 → "1 d 1 h 1 min" / "1天1小时1分钟"; the largest two units are enough to read a lock. */
export function formatDuration(seconds: number, language: Language): string {
  const s = Math.max(0, Math.round(seconds));
  const parts: [number, string, string][] = [
    [Math.floor(s / 86_400), 'd', '天'],
    [Math.floor((s % 86_400) / 3_600), 'h', '小时'],
    [Math.floor((s % 3_600) / 60), 'min', '分钟'],
    [s % 60, 's', '秒'],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return language === 'zh-CN' ? '0秒' : '0 s';
  return shown
    .map(([n, en, zh]) => (language === 'zh-CN' ? `${n}${zh}` : `${n} ${en}`))
    .join(language === 'zh-CN' ? '' : ' ');
}
