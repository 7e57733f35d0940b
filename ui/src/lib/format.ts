// How numbers are shown: percentages with two decimals (docs/method.md), amounts in t/d
// with four, and the pass/fail words and colours of the 总览.
import type { LevelKey, PollutantKey } from '../api/report'

export const POLLUTANTS: { key: PollutantKey; symbol: string; zh: string }[] = [
  { key: 'so2', symbol: 'SO2', zh: '二氧化硫' },
  { key: 'nox', symbol: 'NOx', zh: '氮氧化物' },
  { key: 'pm', symbol: 'PM', zh: '颗粒物' },
  { key: 'vocs', symbol: 'VOCs', zh: '挥发性有机物' },
]

export const LEVELS: { key: LevelKey; zh: string; color: string }[] = [
  { key: 'yellow', zh: '黄色预警', color: '#e6a23c' },
  { key: 'orange', zh: '橙色预警', color: '#f56c2d' },
  { key: 'red', zh: '红色预警', color: '#d93026' },
]

/** A fraction as a percentage with two decimals: 0.1125 → "11.25%"; null → "—". */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—'
  return `${(fraction * 100).toFixed(2)}%`
}

/** An amount in t/d with four decimals (small sources reduce kilograms a day). */
export function tonnes(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return v.toFixed(digits)
}

/** Parses what a person typed as a percentage ("30", "30%", "３０％") to a fraction; blank → null. */
export function parsePercent(text: string): number | null | 'invalid' {
  const t = text.replace(/[％%\s]/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (t === '') return null
  const v = Number(t)
  if (!Number.isFinite(v)) return 'invalid'
  return v / 100
}

/** Parses a non-negative number as typed ("1,200", "30吨" with the unit stripped); blank → null. */
export function parseAmount(text: string): number | null | 'invalid' {
  const t = text.replace(/[,，\s]/g, '').replace(/(吨|t)(\/(a|d|年|日))?$/i, '')
  if (t === '') return null
  const v = Number(t)
  if (!Number.isFinite(v) || v < 0) return 'invalid'
  return v
}

/** The colour class of a ratio against its target: pass, near (≥ 80 % of target), fail. */
export function ratioClass(ratio: number | null, target: number): 'pass' | 'near' | 'fail' {
  if (ratio === null) return 'fail'
  if (ratio + 1e-9 >= target) return 'pass'
  return ratio >= target * 0.8 ? 'near' : 'fail'
}
