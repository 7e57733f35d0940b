import { describe, expect, it } from 'vitest'
import { batchSummary, enterpriseOptions, oneFileName, searchEnterprises } from './exports'
import type { BatchOutcome } from '../bindings/BatchOutcome'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'

const outcome = (o: Partial<BatchOutcome>): BatchOutcome => ({
  dir: '/tmp/out', total: 10, written: [], plans: 0, boards: 0, missing: 0, cancelled: false, failures: [], ...o,
})

describe('batchSummary', () => {
  it('says everything was written', () => {
    const s = batchSummary(outcome({ written: Array(10).fill('f'), plans: 3, boards: 5 }))
    expect(s).toBe('已写入 10 / 10 个文件（一厂一策 3 份、公示牌 5 份、报送清单和测算说明）')
  })
  it('says it was cancelled and how many stayed', () => {
    const s = batchSummary(outcome({ written: ['a', 'b', 'c', 'd'], plans: 2, cancelled: true }))
    expect(s).toContain('已取消：写入 4 / 10 个文件')
    expect(s).toContain('已写入的文件保留')
  })
  it('counts failures and missing fields', () => {
    const s = batchSummary(outcome({ written: ['a'], failures: [{ file: 'x', message: 'y' }], missing: 7 }))
    expect(s).toContain('1 个文件未能写入')
    expect(s).toContain('7 处【待补充】')
  })
})

describe('enterprise picker', () => {
  const row = (name: string, code: string) => ({ name, code }) as EnterpriseRow
  const options = enterpriseOptions([row('示例铸造有限公司', '91410529MA5KR9P635'), row('无代码厂', ''), row('另一家', '91410000X')])
  it('looks enterprises up by code, else by name', () => {
    expect(options.map((o) => o.value)).toEqual(['91410529MA5KR9P635', '无代码厂', '91410000X'])
    expect(options[0].label).toBe('示例铸造有限公司（91410529MA5KR9P635）')
  })
  it('finds by name or code, case-insensitively, within the limit', () => {
    expect(searchEnterprises(options, '铸造').map((o) => o.value)).toEqual(['91410529MA5KR9P635'])
    expect(searchEnterprises(options, 'ma5kr').length).toBe(1)
    expect(searchEnterprises(options, '9141').length).toBe(2)
    expect(searchEnterprises(options, '', 2).length).toBe(2)
  })
  it('proposes file names without the code and with safe characters', () => {
    expect(oneFileName('plan', options[0].label)).toBe('示例铸造有限公司-一厂一策.docx')
    expect(oneFileName('workbook', 'a/b')).toBe('a_b-企业减排清单.xlsx')
    expect(oneFileName('board', '')).toBe('未命名-公示牌.docx')
  })
})
