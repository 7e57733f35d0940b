import { describe, expect, it } from 'vitest'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { ListDiff } from '../bindings/ListDiff'
import { filingText, groupCounts, kindZh, nameOf, nothingChanged, rowOf, shownTime } from './revision'

const zero = { so2: 0, nox: 0, pm: 0, vocs: 0 }
function row(id: number, name: string, code: string): EnterpriseRow {
  return {
    id, name, code, county: '', town: '', industry: '', grade: null, class: null, shut_down: false, sources: 0,
    daily: zero, reductions: { yellow: zero, orange: zero, red: zero },
    filing: { enterprise: code || name, state: '未提交', date: null, number: '' },
  }
}
const empty: ListDiff = {
  enterprises: { added: [], removed: [], renamed: [] }, sites: { added: [], removed: [] }, fleets: { added: [], removed: [] },
  grade_changes: [], class_changes: [], line_changes: [], measure_changes: [], emission_changes: [], contact_changes: [],
  ratios: [], tolerance: 0.05,
}

describe('revision helpers', () => {
  it('names snapshot kinds and times', () => {
    expect(kindZh('import')).toBe('导入')
    expect(kindZh('restore')).toBe('恢复前')
    expect(shownTime('2026-09-20T10:31:05+08:00')).toBe('2026-09-20 10:31:05')
  })
  it('finds a change’s enterprise by code, else by name', () => {
    const rows = [row(1, '甲厂', '91110000802100433B'), row(2, '乙厂', '')]
    expect(rowOf(rows, '91110000802100433B')?.id).toBe(1)
    expect(rowOf(rows, '乙厂')?.id).toBe(2)
    expect(rowOf(rows, '丙厂')).toBeUndefined()
    expect(nameOf(rows, '91110000802100433B')).toBe('甲厂')
    expect(nameOf(rows, '91000000000000000X')).toBe('91000000000000000X')
  })
  it('shows a filing in one cell', () => {
    expect(filingText({ enterprise: 'x', state: '未提交', date: null, number: '' })).toBe('未提交')
    expect(filingText({ enterprise: 'x', state: '已备案', date: '2026-09-20', number: '安环备12号' })).toBe('已备案 2026-09-20 安环备12号')
  })
  it('counts the groups', () => {
    expect(nothingChanged(empty)).toBe(true)
    const d = { ...empty, measure_changes: [{ code: 'x', line: '窑', level: 'red' as const, from: '限产50%', to: '停产' }] }
    expect(groupCounts(d).measures).toBe(1)
    expect(nothingChanged(d)).toBe(false)
  })
})
