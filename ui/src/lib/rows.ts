// Grid helpers for the 工业源 screen: the row of an enterprise just saved (from the effects the
// shell returned, so the grid needs no reload), and the search/filter/sort over 20,000 rows.
import type { Enterprise } from '../bindings/Enterprise'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { SourceReduction as SourceEffect } from '../bindings/SourceReduction'
import type { LevelKey, PollutantKey } from '../api/report'

const ZERO = () => ({ so2: 0, nox: 0, pm: 0, vocs: 0 })
const KEYS: PollutantKey[] = ['so2', 'nox', 'pm', 'vocs']
const LEVELS: LevelKey[] = ['yellow', 'orange', 'red']

/** The grid row of `e` from its sources' effects (a shut-down enterprise reduces nothing). */
export function rowOf(e: Enterprise, effects: SourceEffect[]): EnterpriseRow {
  const daily = ZERO()
  const reductions = { yellow: ZERO(), orange: ZERO(), red: ZERO() }
  if (!e.shut_down) {
    for (const eff of effects) {
      for (const k of KEYS) {
        daily[k] += eff.daily[k]
        for (const l of LEVELS) reductions[l][k] += eff.reductions[l][k]
      }
    }
  }
  return {
    id: e.id,
    name: e.name,
    code: e.code,
    county: e.county,
    town: e.town,
    industry: e.industry,
    grade: e.grade,
    class: e.class,
    shut_down: e.shut_down,
    sources: e.sources.length,
    daily,
    reductions,
  }
}

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
