import { describe, expect, it } from 'vitest'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import { distinct, matchRows, sortRows, sortRowsOnce } from './rows'

const amounts = (so2: number) => ({ so2, nox: 0, pm: 0, vocs: 0 })
function row(id: number, name: string, code: string, county: string, red: number): EnterpriseRow {
  return {
    id, name, code, county, town: '', industry: '水泥', grade: id % 2 ? 'B' : null, class: null,
    shut_down: false, sources: 1, daily: amounts(red * 2),
    reductions: { yellow: amounts(red / 2), orange: amounts(red), red: amounts(red) },
    filing: { enterprise: code || name, state: '未提交', date: null, number: '' },
  }
}

const rows = [row(1, '甲水泥厂', '91110000802100433B', '东县', 3), row(2, '乙砖厂', '', '西县', 1), row(3, '丙玻璃', '91310000MA1FL4B24G', '东县', 2)]
const none = { text: '', county: '', industry: '', grade: '', klass: '' }

describe('grid rows', () => {
  it('searches by name or code', () => {
    expect(matchRows(rows, { ...none, text: '砖' }).map((r) => r.id)).toEqual([2])
    expect(matchRows(rows, { ...none, text: 'ma1fl' }).map((r) => r.id)).toEqual([3])
  })
  it('filters by county and grade (blank grade is 未填)', () => {
    expect(matchRows(rows, { ...none, county: '东县' }).map((r) => r.id)).toEqual([1, 3])
    expect(matchRows(rows, { ...none, grade: '未填' }).map((r) => r.id)).toEqual([2])
  })
  it('sorts by red-level reduction and by name', () => {
    expect(sortRows(rows, { key: 'red.so2', asc: false }).map((r) => r.id)).toEqual([1, 3, 2])
    expect(sortRows(rows, { key: 'red.so2', asc: true }).map((r) => r.id)).toEqual([2, 3, 1])
  })
  it('sorts names in Chinese order without changing the rows given', () => {
    const byName = sortRows(rows, { key: 'name', asc: true })
    expect(byName.map((r) => r.name)).toEqual(['丙玻璃', '甲水泥厂', '乙砖厂'])
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3])
  })
  it('filters sorted rows keeping their order', () => {
    const sorted = sortRows(rows, { key: 'red.so2', asc: false })
    expect(matchRows(sorted, { ...none, county: '东县' }).map((r) => r.id)).toEqual([1, 3])
    expect(matchRows(sorted, none)).toBe(sorted)
  })
  it('sorts the same rows in the same order only once', () => {
    const first = sortRowsOnce(rows, { key: 'name', asc: true })
    expect(sortRowsOnce(rows, { key: 'name', asc: true })).toBe(first)
    expect(sortRowsOnce(rows, { key: 'name', asc: false }).map((r) => r.id)).toEqual([2, 1, 3])
    const replaced = [...rows, row(4, '阿胶厂', '', '西县', 0)]
    expect(sortRowsOnce(replaced, { key: 'name', asc: false }).map((r) => r.id)).toEqual([2, 1, 3, 4])
  })
  it('lists distinct filter values', () => {
    expect(distinct(rows, (r) => r.county)).toHaveLength(2)
    expect(distinct(rows, (r) => r.grade)).toContain('未填')
  })
})
