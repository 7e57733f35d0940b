// Words and lookups of the 历史, 对比 and 备案 screens, kept out of the views so that they are
// unit-tested: the snapshot kinds in Chinese, the 对比 groups as counted headings, and an
// enterprise of a change found again in the grid rows (by credit code, else by name).
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { Filing } from '../bindings/Filing'
import type { ListDiff } from '../bindings/ListDiff'
import type { SnapshotKind } from '../bindings/SnapshotKind'

const KINDS: Record<SnapshotKind, string> = { import: '导入', export: '报送导出', save: '保存', restore: '恢复前' }

/** A snapshot kind as 历史 shows it. */
export function kindZh(kind: SnapshotKind): string {
  return KINDS[kind]
}

/** `2026-09-20T10:31:05+08:00` → `2026-09-20 10:31:05`. */
export function shownTime(rfc3339: string): string {
  return rfc3339.replace('T', ' ').replace(/([+-]\d\d:\d\d|Z)$/, '')
}

/** The grid row of the enterprise a change names (`code` is its code, or its name where it has none). */
export function rowOf(rows: EnterpriseRow[], code: string, name?: string): EnterpriseRow | undefined {
  return rows.find((r) => r.code !== '' && r.code === code) ?? rows.find((r) => r.name === (name ?? code))
}

/** The name to show for a change's enterprise: the grid's name, else the code itself. */
export function nameOf(rows: EnterpriseRow[], code: string): string {
  return rowOf(rows, code)?.name ?? code
}

/** How many changes of each group, for the tab headings; 0 groups are shown greyed. */
export function groupCounts(d: ListDiff): Record<string, number> {
  return {
    enterprises: d.enterprises.added.length + d.enterprises.removed.length + d.enterprises.renamed.length,
    sites: d.sites.added.length + d.sites.removed.length + d.fleets.added.length + d.fleets.removed.length,
    grades: d.grade_changes.length + d.class_changes.length,
    lines: d.line_changes.length,
    measures: d.measure_changes.length,
    emissions: d.emission_changes.length,
    contacts: d.contact_changes.length,
  }
}

/** True when nothing but the ratios is reported (the ratios are always there). */
export function nothingChanged(d: ListDiff): boolean {
  return Object.values(groupCounts(d)).every((n) => n === 0)
}

/** A filing as the 工业源 grid shows it: the state, the date and the 文号 where given. */
export function filingText(f: Filing): string {
  return [f.state, f.date ?? '', f.number].filter((x) => x !== '').join(' ')
}
