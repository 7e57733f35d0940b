import { describe, expect, it } from 'vitest'
import type { RuleEntry } from '../bindings/RuleEntry'
import type { RuleView } from '../bindings/RuleView'
import { changedCount, isChanged, settingRows, settingText } from './ruleSettings'

// Test data shaped as the core's rule_entries command hands it over.
function view(over: Partial<RuleView> = {}): RuleView {
  return { id: 'rule-a', title: '规则甲', severity: 'error', enabled: true, settings: { max_batches: 3, min_peers: 3 }, source: '某市预案', ...over }
}
const entry = (rule: Partial<RuleView> = {}): RuleEntry => ({ rule: view(rule), default: view() })

describe('rule settings', () => {
  it('show each setting beside its default and mark the changed one', () => {
    const rows = settingRows(entry({ settings: { max_batches: 4, min_peers: 3 } }))
    expect(rows).toEqual([
      { key: 'max_batches', value: 4, default: 3, changed: true },
      { key: 'min_peers', value: 3, default: 3, changed: false },
    ])
  })
  it('count a rule as changed by its switch, severity or any setting, not otherwise', () => {
    expect(isChanged(entry())).toBe(false)
    expect(isChanged(entry({ enabled: false }))).toBe(true)
    expect(isChanged(entry({ severity: 'warning' }))).toBe(true)
    expect(isChanged(entry({ settings: { max_batches: 3, min_peers: 5 } }))).toBe(true)
    expect(changedCount([entry(), entry({ enabled: false }), entry({ severity: 'warning' })])).toBe(2)
  })
  it('print numbers without float noise', () => {
    expect(settingText(0.1 + 0.2)).toBe('0.3')
    expect(settingText(10)).toBe('10')
    expect(settingText(1.23456)).toBe('1.2346')
  })
})
