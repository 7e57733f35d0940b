// 导出 screen helpers: the words of a batch's outcome, the enterprise picker's options and
// its search (name or credit code), and the file names proposed for one enterprise.
import type { BatchOutcome } from '../bindings/BatchOutcome'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'

/** One line saying what 全部导出 did: how many of how many, cancelled or not, failures. */
export function batchSummary(o: BatchOutcome): string {
  const what = `一厂一策 ${o.plans} 份、公示牌 ${o.boards} 份`
  const head = o.cancelled
    ? `已取消：写入 ${o.written.length} / ${o.total} 个文件（${what}），已写入的文件保留`
    : `已写入 ${o.written.length} / ${o.total} 个文件（${what}、报送清单和测算说明）`
  const failed = o.failures.length ? `；${o.failures.length} 个文件未能写入，见下表` : ''
  const missing = o.missing ? `；文档中共有 ${o.missing} 处【待补充】` : ''
  return head + failed + missing
}

export interface EnterpriseOption {
  /** What the core looks an enterprise up by: its credit code, else its name. */
  value: string
  label: string
}

/** One option per enterprise: "名称（代码）", the value its code or (without one) its name. */
export function enterpriseOptions(rows: EnterpriseRow[]): EnterpriseOption[] {
  return rows.map((r) => ({ value: r.code || r.name, label: r.code ? `${r.name}（${r.code}）` : r.name }))
}

/** The options whose name or code contains `query` (case-insensitive), at most `limit`. */
export function searchEnterprises(options: EnterpriseOption[], query: string, limit = 200): EnterpriseOption[] {
  const q = query.trim().toUpperCase()
  const out: EnterpriseOption[] = []
  for (const o of options) {
    if (q === '' || o.label.toUpperCase().includes(q)) {
      out.push(o)
      if (out.length >= limit) break
    }
  }
  return out
}

export type OneKind = 'workbook' | 'plan' | 'board'

/** The file name proposed for one enterprise's document. */
export function oneFileName(kind: OneKind, label: string): string {
  const name = label.replace(/（[^（）]*）$/, '').replace(/[\\/:*?"<>|]/g, '_').trim() || '未命名'
  if (kind === 'workbook') return `${name}-企业减排清单.xlsx`
  return kind === 'plan' ? `${name}-一厂一策.docx` : `${name}-公示牌.docx`
}
