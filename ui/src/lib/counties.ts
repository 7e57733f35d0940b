// 总览 → 各区县达标情况: the counties of the list that have their own whole-society baseline
// (the multi-county 总表), each level with its ratios, verdict and shortfall exactly as
// `jianpai check --json` gives them in by_county[]; the targets are the area's.
import type { CheckReport } from '../api/report'
import type { CountyLevel } from '../bindings/CountyLevel'

export interface CountyVerdict {
  county: string
  /** The county's levels with the area's target of the same level. */
  levels: (CountyLevel & { target: number })[]
  /** Every level passes. */
  pass: boolean
}

/** The counties judged against their own baseline, in the report's order; none without. */
export function countyVerdicts(report: CheckReport): CountyVerdict[] {
  const target = (level: string) => report.levels.find((l) => l.level === level)?.target ?? 0
  return report.by_county
    .filter((c) => c.baseline !== null)
    .map((c) => ({
      county: c.county,
      levels: c.levels.map((l) => ({ ...l, target: target(l.level) })),
      pass: c.levels.every((l) => l.pass?.level === true),
    }))
}
