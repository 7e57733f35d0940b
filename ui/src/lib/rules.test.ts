import { describe, expect, it } from 'vitest'
import type { FindingRow } from '../bindings/FindingRow'
import { counties, errorCount, filterFindings, ruleCounts, ruleLabel, severityTag } from './rules'

function row(rule: string, severity: 'error' | 'warning', county: string, message = '说明'): FindingRow {
  return {
    finding: { rule, severity, sheet: '工业源', row: 5, enterprise: '示例公司', code: null, message },
    record: county === '' ? null : { kind: 'enterprise', id: 1, code: '', source_id: null, county },
  }
}

// Titles as the core's review_rules command hands them over (test data, in its order).
const titles = { 'rule-a': 'D级未停产', 'rule-b': '措施逐级减弱', 'rule-c': '未达标' }

describe('rule labels', () => {
  it('show the core title, and an unknown id as it is', () => {
    expect(ruleLabel('new-rule', titles)).toBe('new-rule')
    expect(ruleLabel('rule-b', titles)).toBe('措施逐级减弱')
  })
  it('tag errors red and warnings orange', () => {
    expect(severityTag('error')).toEqual({ text: '错误', type: 'danger' })
    expect(severityTag('warning').type).toBe('warning')
  })
})

describe('filtering findings', () => {
  const rows = [
    row('rule-b', 'warning', '西城县', '1#窑 橙色弱于黄色'),
    row('rule-a', 'error', '东城县'),
    row('rule-c', 'error', ''),
    row('rule-b', 'warning', '东城县'),
  ]
  it('puts errors first and keeps the order within a severity', () => {
    const all = filterFindings(rows, { rule: '', county: '', text: '' })
    expect(all.map((r) => r.finding.rule)).toEqual(['rule-a', 'rule-c', 'rule-b', 'rule-b'])
    expect(all[2].record?.county).toBe('西城县')
  })
  it('filters by rule, county (blank as 未知) and words', () => {
    expect(filterFindings(rows, { rule: 'rule-b', county: '东城县', text: '' })).toHaveLength(1)
    expect(filterFindings(rows, { rule: '', county: '（未知）', text: '' })[0].finding.rule).toBe('rule-c')
    expect(filterFindings(rows, { rule: '', county: '', text: '1#窑' })).toHaveLength(1)
  })
  it('counts rules, counties and errors', () => {
    expect(ruleCounts(rows, titles)).toEqual([
      { id: 'rule-a', label: 'D级未停产', count: 1 },
      { id: 'rule-b', label: '措施逐级减弱', count: 2 },
      { id: 'rule-c', label: '未达标', count: 1 },
    ])
    expect(counties(rows)).toHaveLength(3)
    expect(errorCount(rows)).toBe(2)
  })
})
