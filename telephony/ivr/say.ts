// Digits and numbers are spoken by joining recorded fragments, one WAV each, per language.

/** "138" -> ['d1','d3','d8']; other characters are skipped (spaces, dashes, '+'). */
export function digitFragments(value: string): string[] {
  return [...value].flatMap((c) => (/[0-9]/.test(c) ? [`d${c}`] : c === '*' ? ['star'] : c === '#' ? ['pound'] : []));
}

/** Mandarin: 0–99,999,999 as 万/千/百/十 groups with 零 for gaps and 十 (not 一十) at the start. */
function zhNumber(n: number): string[] {
  if (n === 0) return ['d0'];
  const out: string[] = [];
  const group = (g: number, leadingZero: boolean): string[] => {
    const parts: string[] = [];
    const units = ['thousand', 'hundred', 'ten', ''] as const;
    const digits = [Math.floor(g / 1000), Math.floor(g / 100) % 10, Math.floor(g / 10) % 10, g % 10];
    let pendingZero = leadingZero;
    digits.forEach((d, i) => {
      if (d === 0) {
        if (parts.length > 0) pendingZero = true;
        return;
      }
      if (pendingZero) parts.push('d0');
      pendingZero = false;
      const unit = units[i]!;
      if (!(unit === 'ten' && d === 1 && parts.length === 0 && !leadingZero)) parts.push(`d${d}`);
      if (unit) parts.push(unit);
    });
    return parts;
  };
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  if (high > 0) out.push(...group(high, false), 'wan');
  if (low > 0) out.push(...group(low, high > 0 && low < 1000));
  return out;
}

const enSmall = (n: number): string[] => (n < 20 ? [`n${n}`] : [`n${Math.floor(n / 10) * 10}`, ...(n % 10 ? [`n${n % 10}`] : [])]);

/** English: 0–999,999 as "three hundred twelve thousand four hundred five". */
function enNumber(n: number): string[] {
  if (n === 0) return ['n0'];
  const below1000 = (x: number): string[] => {
    const out: string[] = [];
    if (x >= 100) out.push(`n${Math.floor(x / 100)}`, 'hundred');
    if (x % 100) out.push(...enSmall(x % 100));
    return out;
  };
  const out: string[] = [];
  if (n >= 1000) out.push(...below1000(Math.floor(n / 1000)), 'thousand');
  out.push(...below1000(n % 1000));
  return out;
}

export const maxSpokenNumber = { 'zh-CN': 99_999_999, en: 999_999 } as const;

/** Fragment names for a whole number; larger or non-numeric values are read digit by digit. */
export function numberFragments(value: string, locale: 'zh-CN' | 'en'): string[] {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > maxSpokenNumber[locale]) return digitFragments(value);
  return locale === 'zh-CN' ? zhNumber(n) : enNumber(n);
}
