// Grid helpers for the 工业源 screen: the search/filter/sort over 20,000 rows (the rows
// themselves, also of an enterprise just saved, come from the core).
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { PollutantKey } from '../api/report'

export interface RowFilter {
  text: string
  county: string
  industry: string
  grade: string
  klass: string
}

export type SortKey = 'name' | 'code' | 'county' | 'industry' | 'grade' | 'sources' | `red.${PollutantKey}` | `daily.${PollutantKey}`

function sortValue(r: EnterpriseRow, key: SortKey): string | number {
  if (key.startsWith('red.')) return r.reductions.red[key.slice(4) as PollutantKey]
  if (key.startsWith('daily.')) return r.daily[key.slice(6) as PollutantKey]
  if (key === 'sources') return r.sources
  if (key === 'grade') return r.grade ?? ''
  return r[key as 'name' | 'code' | 'county' | 'industry']
}

/** Rows matching the search text (name or code, case-insensitive) and the four filters, sorted. */
export function filterRows(rows: EnterpriseRow[], f: RowFilter, sort?: { key: SortKey; asc: boolean }): EnterpriseRow[] {
  const text = f.text.trim().toUpperCase()
  const out = rows.filter(
    (r) =>
      (text === '' || r.name.toUpperCase().includes(text) || r.code.includes(text)) &&
      (f.county === '' || r.county === f.county) &&
      (f.industry === '' || r.industry === f.industry) &&
      (f.grade === '' || (r.grade ?? '未填') === f.grade) &&
      (f.klass === '' || (r.class ?? '未填') === f.klass),
  )
  if (sort) {
    const dir = sort.asc ? 1 : -1
    out.sort((a, b) => {
      const x = sortValue(a, sort.key)
      const y = sortValue(b, sort.key)
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir
      return String(x).localeCompare(String(y), 'zh-CN') * dir
    })
  }
  return out
}

/** The distinct values of a column, for a filter's options. */
export function distinct(rows: EnterpriseRow[], pick: (r: EnterpriseRow) => string | null): string[] {
  return [...new Set(rows.map((r) => pick(r) ?? '未填'))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
