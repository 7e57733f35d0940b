import { describe, expect, it } from 'vitest'
import type { Enterprise } from '../bindings/Enterprise'
import type { Measure } from '../bindings/Measure'
import type { Site } from '../bindings/Site'
import type { Source } from '../bindings/Source'
import { enterpriseBoard, isKeyIndustry, PLACEHOLDER, plainPercent, siteBoard } from './board'

const none = { so2: null, nox: null, pm: null, vocs: null }
const nobody = { name: '', phone: '' }

function measure(text: string, share: number | null = null): Measure {
  return { text, share, amounts: { ...none }, key_indicator: '', prep_time: '', owner: { ...nobody }, concentration_limit: null }
}

function source(name: string, yellow: string, orange: string, red: string): Source {
  return {
    id: 0, name, product: '', capacity: '', days: 300, outlet: '', treatment: '', standard: '', annual: { ...none }, daily: { ...none },
    measures: { yellow: measure(yellow), orange: measure(orange), red: measure(red) }, origin: null,
  }
}

function enterprise(over: Partial<Enterprise> = {}): Enterprise {
  return {
    id: 1, name: '示例水泥有限公司', code: '', county: '东城县', town: '', address: '', industry: '水泥',
    industry_code: '', key_industry: '', power_account: '', normal_daily_kwh: null,
    daily_kwh_cap: { yellow: null, orange: null, red: null },
    grade: 'B', class: null, guarantee: false, shut_down: false, cems: null,
    legal: { name: '张三', phone: '13800000000' }, responsible: { name: '李四', phone: '' }, supervisor: { ...nobody },
    sources: [source('1#窑', '限产30%', '', '停产'), source('2#窑', '限产30%', '', '停产')], origin: null,
    ...over,
  }
}

describe('enterprise board', () => {
  it('has the fields in order with 【待补充】 for empty people', () => {
    const b = enterpriseBoard(enterprise())
    expect(b.fields.map(([l]) => l)).toEqual([
      '企业名称', '所属县（市、区）', '行业类型', '绩效等级', '企业法定代表人及联系方式', '应急减排责任人及联系方式', '监督人及联系方式',
    ])
    expect(b.fields[4][1]).toBe('张三  电话：13800000000')
    expect(b.fields[5][1]).toBe(`李四  电话：${PLACEHOLDER}`)
    expect(b.fields[6][1]).toBe(PLACEHOLDER)
    expect(b.missing).toEqual(['应急减排责任人联系电话', '监督人及联系方式'])
  })
  it('groups lines sharing a measure and spells out inherited levels', () => {
    const b = enterpriseBoard(enterprise())
    expect(b.levels.yellow).toEqual(['1#窑、2#窑：限产30%'])
    expect(b.levels.orange).toEqual(['1#窑、2#窑：同黄色预警措施：限产30%'])
    expect(b.levels.red).toEqual(['1#窑、2#窑：停产'])
  })
  it('marks a level without any measure and a missing grade of a key industry', () => {
    const b = enterpriseBoard(enterprise({ grade: null, sources: [source('1#窑', '', '', '')] }))
    expect(b.fields[3][1]).toBe(PLACEHOLDER)
    expect(b.levels.red).toEqual([`1#窑：${PLACEHOLDER}`])
    expect(b.missing).toContain('红色预警减排措施')
    expect(b.missing).toContain('绩效等级')
  })
  it('says 非重点行业 and 长期停产 in words', () => {
    expect(enterpriseBoard(enterprise({ grade: null, industry: '食品加工' })).fields[3][1]).toBe('非重点行业，未分级')
    const shut = enterpriseBoard(enterprise({ shut_down: true }))
    expect(shut.fields[3][1]).toBe('长期停产')
    expect(shut.levels.yellow[0]).toContain('长期停产')
  })
  it('describes a share-only measure and knows key industries loosely', () => {
    const e = enterprise()
    e.sources[0].measures.yellow = measure('', 0.125)
    expect(enterpriseBoard(e).levels.yellow[0]).toBe('1#窑：减排12.5%')
    expect(plainPercent(0.5)).toBe('50%')
    expect(isKeyIndustry('水泥制造')).toBe(true)
    expect(isKeyIndustry('食品加工')).toBe(false)
    expect(isKeyIndustry('砖瓦')).toBe(true)
  })
})

describe('site board', () => {
  const site: Site = {
    id: 3, county: '东城县', name: '示例小区二期', kind: '房屋建筑', address: '', builder: '', contractor: '',
    manager: { name: '王五', phone: '13900000000' }, responsible: { ...nobody }, approval: '',
    source: source('', '停止土石方作业；道路洒水。', '', ''), origin: null,
  }
  it('has the site fields and splits the measure into clauses', () => {
    const b = siteBoard(site)
    expect(b.fields.map(([l]) => l)).toEqual(['项目名称', '项目类型', '项目地址', '项目负责人及联系方式', '应急减排责任人及联系方式'])
    expect(b.fields[2][1]).toBe(PLACEHOLDER)
    expect(b.levels.yellow).toEqual(['停止土石方作业', '道路洒水'])
    expect(b.levels.red).toEqual(['同黄色预警措施：停止土石方作业', '道路洒水'])
    expect(b.missing).toEqual(['项目地址', '应急减排责任人及联系方式'])
  })
})
