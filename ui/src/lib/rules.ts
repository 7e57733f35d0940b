// The findings list of the 审核 screen: severity tags, filters and counts. The rules' titles
// and their order come from the core (review_rules command, from schemas/rules.json); the
// county of a finding is the county of the record it is about.
import type { FindingRow } from '../bindings/FindingRow'
import type { Severity } from '../bindings/Severity'

/** The Chinese name of a rule as the core's rule list gives it; an unknown id as it is. */
export function ruleLabel(id: string, titles: Record<string, string>): string {
  return titles[id] ?? id
}

/** 错误 / 提示 and the Element Plus tag type (red for errors, orange for warnings). */
export function severityTag(s: Severity): { text: string; type: 'danger' | 'warning' } {
  return s === 'error' ? { text: '错误', type: 'danger' } : { text: '警告', type: 'warning' }
}

export interface FindingFilter {
  /** Rule id, or '' for all. */
  rule: string
  /** County, or '' for all; '（未知）' selects findings without a county. */
  county: string
  /** Words the message, enterprise or code contains, or ''. */
  text: string
}

export const NO_COUNTY = '（未知）'

/** The findings a filter keeps, errors first (the order within a severity is kept). */
export function filterFindings(rows: FindingRow[], f: FindingFilter): FindingRow[] {
  const text = f.text.trim()
  const kept = rows.filter((r) => {
    if (f.rule !== '' && r.finding.rule !== f.rule) return false
    if (f.county !== '' && countyOf(r) !== f.county) return false
    if (text === '') return true
    const hay = `${r.finding.message} ${r.finding.enterprise ?? ''} ${r.finding.code ?? ''}`
    return hay.includes(text)
  })
  return sortBySeverity(kept)
}

/** Errors before warnings; a stable sort keeps the rule order within each. */
export function sortBySeverity(rows: FindingRow[]): FindingRow[] {
  const rank = (s: Severity) => (s === 'error' ? 0 : 1)
  return [...rows].sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity))
}

/** The county a finding is filed under: its record's, or （未知）. */
export function countyOf(r: FindingRow): string {
  return r.record?.county || NO_COUNTY
}

/** Rules present in the findings with their counts, in the order of `titles` (the core's). */
export function ruleCounts(rows: FindingRow[], titles: Record<string, string>): { id: string; label: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.finding.rule, (counts.get(r.finding.rule) ?? 0) + 1)
  const order = Object.keys(titles)
  const rank = (id: string) => (order.indexOf(id) + 1 || order.length + 1)
  const ids = [...counts.keys()].sort((a, b) => rank(a) - rank(b))
  return ids.map((id) => ({ id, label: ruleLabel(id, titles), count: counts.get(id) ?? 0 }))
}

/** Counties present in the findings, sorted, findings without one as （未知）. */
export function counties(rows: FindingRow[]): string[] {
  return [...new Set(rows.map(countyOf))].sort((a, b) => a.localeCompare(b, 'zh'))
}

/** How many findings are errors (the 总览's badge). */
export function errorCount(rows: FindingRow[]): number {
  return rows.filter((r) => r.finding.severity === 'error').length
}
