// The 公示牌 notice board's content for the printable preview, built from the record the
// screen already holds. It follows the Word board of `jianpai::docs::board` (whose content
// builder is private to the core): the same fields in the same order, one line per group of
// sources sharing a measure ("1#线、2#线：停产"), a blank level shown as the lower level's
// measure ("同黄色预警措施：…"), and 【待补充】 wherever a required field is empty.
import type { Contact } from '../bindings/Contact'
import type { Enterprise } from '../bindings/Enterprise'
import type { Fleet } from '../bindings/Fleet'
import type { Measure } from '../bindings/Measure'
import type { Site } from '../bindings/Site'
import type { Source } from '../bindings/Source'

export const PLACEHOLDER = '【待补充】'
export const BOARD_TITLE = '重污染天气应急减排措施公示牌'

export type LevelKey = 'yellow' | 'orange' | 'red'

export const BOARD_LEVELS: { key: LevelKey; zh: string; response: string }[] = [
  { key: 'yellow', zh: '黄色预警', response: 'Ⅲ级响应' },
  { key: 'orange', zh: '橙色预警', response: 'Ⅱ级响应' },
  { key: 'red', zh: '红色预警', response: 'Ⅰ级响应' },
]

export interface Board {
  /** 企业 or 工地, for the dialog's title. */
  kind: 'enterprise' | 'site'
  /** (label, value) in the order of the board. */
  fields: [string, string][]
  /** One line per group of sources with the same measure, per level. */
  levels: Record<LevelKey, string[]>
  /** Labels of the fields (and levels) shown as 【待补充】. */
  missing: string[]
}

/** The 39 key industries of the national technical guide (as `model::industry`). */
const KEY_INDUSTRIES = [
  '长流程联合钢铁', '短流程钢铁', '铁合金', '焦化', '石灰窑', '铸造', '氧化铝', '电解铝', '炭素', '铜冶炼',
  '铅锌冶炼', '钼冶炼', '再生铜铝铅锌', '有色金属压延', '水泥', '砖瓦窑', '陶瓷', '耐火材料', '玻璃', '岩矿棉',
  '玻璃钢', '防水建筑材料制造', '炼油与石油化工', '炭黑制造', '煤制氮肥', '制药', '农药制造', '涂料制造',
  '油墨制造', '纤维素醚', '包装印刷', '人造板制造', '塑料人造革与合成革制造', '橡胶制品制造', '制鞋',
  '家具制造', '汽车整车制造', '工程机械整机制造', '工业涂装',
]

function normaliseIndustry(s: string): string {
  return s.replace(/[\s()（）]/g, '').replaceAll('制造', '').replaceAll('行业', '')
}

/** True when `industry` names a key industry (either name contains the other). */
export function isKeyIndustry(industry: string): boolean {
  const n = normaliseIndustry(industry)
  if (n === '') return false
  return KEY_INDUSTRIES.some((k) => {
    const kn = normaliseIndustry(k)
    return n.includes(kn) || ([...n].length >= 2 && kn.includes(n))
  })
}

class Filler {
  missing: string[] = []
  text(value: string, field: string): string {
    const v = value.trim()
    if (v === '') {
      this.note(field)
      return PLACEHOLDER
    }
    return v
  }
  contact(c: Contact, role: string): string {
    const name = c.name.trim()
    const phone = c.phone.trim()
    if (name === '' && phone === '') {
      this.note(`${role}及联系方式`)
      return PLACEHOLDER
    }
    if (phone === '') this.note(`${role}联系电话`)
    if (name === '') this.note(`${role}姓名`)
    return `${name || PLACEHOLDER}  电话：${phone || PLACEHOLDER}`
  }
  note(field: string) {
    if (!this.missing.includes(field)) this.missing.push(field)
  }
}

function isBlank(m: Measure): boolean {
  return m.text.trim() === '' && m.share === null && Object.values(m.amounts).every((v) => v === null)
}

/** A fraction as a percentage without needless decimals (0.5 → 50%, 0.125 → 12.5%). */
export function plainPercent(f: number): string {
  return `${Number((f * 100).toFixed(2))}%`
}

function measureText(m: Measure): string {
  const t = m.text.trim()
  if (t !== '') return t
  return m.share !== null ? `减排${plainPercent(m.share)}` : '按核定减排量减排'
}

const ORDER: LevelKey[] = ['yellow', 'orange', 'red']
const ZH: Record<LevelKey, string> = { yellow: '黄色预警', orange: '橙色预警', red: '红色预警' }

/** What `source` does at `level`: its own measure, or the next lower non-blank one. */
export function shownMeasure(source: Source, level: LevelKey): { text: string; inheritedFrom: LevelKey | null } | null {
  for (let i = ORDER.indexOf(level); i >= 0; i--) {
    const m = source.measures[ORDER[i]]
    if (!isBlank(m)) return { text: measureText(m), inheritedFrom: ORDER[i] === level ? null : ORDER[i] }
  }
  return null
}

function sourceLabel(s: Source): string {
  const n = s.name.trim()
  if (n !== '') return n
  return s.origin ? `（未命名，${s.origin.sheet}第${s.origin.row}行）` : '（未命名生产线）'
}

function gradeText(e: Enterprise, fill: Filler): string {
  if (e.shut_down) return '长期停产'
  const mark = e.guarantee || e.class === '保障类企业' ? '（保障类）' : ''
  if (e.grade !== null) return `${e.grade}${mark}`
  if (!isKeyIndustry(e.industry) && e.industry.trim() !== '') return `非重点行业，未分级${mark}`
  return fill.text('', '绩效等级')
}

function enterpriseLines(e: Enterprise, fleet: Fleet | null, level: LevelKey, fill: Filler): string[] {
  if (e.shut_down) return ['长期停产，预警期间不得擅自恢复生产']
  const groups: [string, string[]][] = []
  for (const s of e.sources) {
    const shown = shownMeasure(s, level)
    let text: string
    if (shown === null) {
      fill.note(`${ZH[level]}减排措施`)
      text = PLACEHOLDER
    } else text = shown.inheritedFrom ? `同${ZH[shown.inheritedFrom]}措施：${shown.text}` : shown.text
    const g = groups.find(([t]) => t === text)
    if (g) g[1].push(sourceLabel(s))
    else groups.push([text, [sourceLabel(s)]])
  }
  const lines = groups.map(([text, names]) => `${names.join('、')}：${text}`)
  const transport = fleet ? shownMeasure(fleet.source, level) : null
  if (transport) lines.push(`运输车辆：${transport.text}`)
  if (lines.length === 0) lines.push(fill.text('', `${ZH[level]}减排措施`))
  return lines
}

/** The enterprise's board; `fleet` is its fleet on the 移动源 sheet, if any. */
export function enterpriseBoard(e: Enterprise, fleet: Fleet | null = null): Board {
  const fill = new Filler()
  const fields: [string, string][] = [
    ['企业名称', fill.text(e.name, '企业名称')],
    ['所属县（市、区）', fill.text(e.county, '所属县（市、区）')],
    ['行业类型', fill.text(e.industry, '行业类型')],
    ['绩效等级', gradeText(e, fill)],
    ['企业法定代表人及联系方式', fill.contact(e.legal, '企业法定代表人')],
    ['应急减排责任人及联系方式', fill.contact(e.responsible, '应急减排责任人')],
    ['监督人及联系方式', fill.contact(e.supervisor, '监督人')],
  ]
  const levels = {
    yellow: enterpriseLines(e, fleet, 'yellow', fill),
    orange: enterpriseLines(e, fleet, 'orange', fill),
    red: enterpriseLines(e, fleet, 'red', fill),
  }
  return { kind: 'enterprise', fields, levels, missing: fill.missing }
}

function siteLines(site: Site, level: LevelKey, fill: Filler): string[] {
  const shown = shownMeasure(site.source, level)
  if (shown === null) return [fill.text('', `${ZH[level]}减排措施`)]
  const lines = shown.text
    .split(/[；;\n]/)
    .map((l) => l.trim().replace(/。+$/, ''))
    .filter((l) => l !== '')
  if (shown.inheritedFrom && lines.length > 0) lines[0] = `同${ZH[shown.inheritedFrom]}措施：${lines[0]}`
  return lines
}

/** A construction site's board. */
export function siteBoard(site: Site): Board {
  const fill = new Filler()
  const fields: [string, string][] = [
    ['项目名称', fill.text(site.name, '项目名称')],
    ['项目类型', fill.text(site.kind, '项目类型')],
    ['项目地址', fill.text(site.address, '项目地址')],
    ['项目负责人及联系方式', fill.contact(site.manager, '项目负责人')],
    ['应急减排责任人及联系方式', fill.contact(site.responsible, '应急减排责任人')],
  ]
  const levels = {
    yellow: siteLines(site, 'yellow', fill),
    orange: siteLines(site, 'orange', fill),
    red: siteLines(site, 'red', fill),
  }
  return { kind: 'site', fields, levels, missing: fill.missing }
}
