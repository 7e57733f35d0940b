// The reviewer's rules as the 审核 screen names them: stable ids of schemas/rules.json mapped
// to their Chinese titles (the shell's review_rules command returns the same titles; this map
// lets the screen label findings before that answer arrives and for ids it does not know),
// and the severity order and filters of the findings list.
import type { FindingRow } from '../bindings/FindingRow'
import type { Severity } from '../bindings/Severity'

/** Rule id → Chinese title, as in schemas/rules.json. */
export const RULE_LABELS: Record<string, string> = {
  'd-grade-not-stopped': 'D级企业未全部停产',
  'level-weaker': '高级别预警措施弱于低级别',
  'peer-inconsistent': '同区县同行业同等级企业措施差异过大',
  'guarantee-below-b': '重点行业保障类企业绩效等级低于B级',
  'small-micro-too-large': '小微涉气企业排放量超过100千克/年',
  'small-micro-restricted': '小微涉气企业被停产限产',
  'rotation-over-3-batches': '轮流停产超过3个批次',
  'not-verifiable': '减排措施缺少关键性指标，无法核查',
  'missing-responsible': '未填写应急减排责任人或电话',
  'cems-required': '重点行业限产减排未安装CEMS',
  'duplicate-enterprise': '同一企业重复填报（名称相同、信用代码不同）',
  'credit-code-check': '统一社会信用代码校验不通过',
  'target-missed': '预警级别减排比例未达标',
}

/** The Chinese name of a rule; an unknown id is shown as it is. */
export function ruleLabel(id: string, titles: Record<string, string> = RULE_LABELS): string {
  return titles[id] ?? RULE_LABELS[id] ?? id
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
    if (f.county !== '' && (r.county || NO_COUNTY) !== f.county) return false
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

/** Rules present in the findings with their counts, in rule-file order. */
export function ruleCounts(rows: FindingRow[]): { id: string; label: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.finding.rule, (counts.get(r.finding.rule) ?? 0) + 1)
  const order = Object.keys(RULE_LABELS)
  const ids = [...counts.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
  return ids.map((id) => ({ id, label: ruleLabel(id), count: counts.get(id) ?? 0 }))
}

/** Counties present in the findings, sorted, findings without one as （未知）. */
export function counties(rows: FindingRow[]): string[] {
  return [...new Set(rows.map((r) => r.county || NO_COUNTY))].sort((a, b) => a.localeCompare(b, 'zh'))
}

/** How many findings are errors (the 总览's badge). */
export function errorCount(rows: FindingRow[]): number {
  return rows.filter((r) => r.finding.severity === 'error').length
}
