import { describe, expect, it } from 'vitest'
import type { CheckReport } from '../api/report'
import type { CountyReduction } from '../bindings/CountyReduction'
import { countyVerdicts } from './counties'

const amounts = (v: number) => ({ so2: v, nox: v, pm: v, vocs: v })
const pass = (ok: boolean) => ({ so2: ok, nox: ok, so2_nox: ok, pm: ok, vocs: ok, level: ok })

// A report shaped as the core's check gives it (only the fields the verdicts read matter).
function report(counties: CountyReduction[]): CheckReport {
  const level = (l: 'yellow' | 'orange' | 'red', target: number) => ({ level: l, target, reduction: amounts(0), ratio: null, pass: pass(false), shortfall: null, measures: { stop: 0, limit: 0, self: 0, other: 0, sites_stopped: 0 } })
  return { levels: [level('yellow', 0.1), level('orange', 0.2), level('red', 0.3)], by_county: counties } as unknown as CheckReport
}
function county(name: string, own: boolean, redPasses = true): CountyReduction {
  const lv = (l: 'yellow' | 'orange' | 'red', ok: boolean) => ({ level: l, reduction: amounts(1), ratio: own ? amounts(0.5) : null, pass: own ? pass(ok) : null, shortfall: own ? { ...amounts(ok ? 0 : 0.25), so2_nox_points: 0 } : null })
  return { county: name, baseline: own ? amounts(2) : null, coverage: own ? amounts(0.6) : null, levels: [lv('yellow', true), lv('orange', true), lv('red', redPasses)] }
}

describe('county verdicts', () => {
  it('list only counties with their own baseline, each level with the area target', () => {
    const v = countyVerdicts(report([county('东城县', true), county('未填写', false), county('西城县', true, false)]))
    expect(v.map((c) => c.county)).toEqual(['东城县', '西城县'])
    expect(v[0].levels.map((l) => l.target)).toEqual([0.1, 0.2, 0.3])
    expect(v[0].pass).toBe(true)
    expect(v[1].pass).toBe(false)
    expect(v[1].levels[2].shortfall?.so2).toBe(0.25)
  })
  it('are empty when no county has its own baseline', () => {
    expect(countyVerdicts(report([county('东城县', false)]))).toEqual([])
  })
})
