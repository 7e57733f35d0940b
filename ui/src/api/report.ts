// The report of `jianpai check --json` (shared/spec/cli.md), as the shell sends it in every
// Snapshot. Written by hand because it is a JSON contract, not a Rust type the UI owns:
// keys are English, amounts t/d, ratios and targets fractions.
import type { Diagnostic } from '../bindings/Diagnostic'

export type PollutantKey = 'so2' | 'nox' | 'pm' | 'vocs'
export type LevelKey = 'yellow' | 'orange' | 'red'
export type ByPollutant<T> = Record<PollutantKey, T>

export interface LevelReport {
  level: LevelKey
  target: number
  reduction: ByPollutant<number>
  ratio: ByPollutant<number | null>
  pass: ByPollutant<boolean> & { so2_nox: boolean; level: boolean }
  shortfall: ByPollutant<number> & { so2_nox_points: number }
}

export interface ReportCounts {
  enterprises: number
  industrial_sources: number
  dust_sources: number
  mobile_sources: number
}

export interface Breakdown {
  levels: { level: LevelKey; reduction: ByPollutant<number> }[]
  [key: string]: unknown
}

export interface TopSource {
  [key: string]: unknown
}

export interface CheckReport {
  area: string
  baseline: ByPollutant<number> | null
  levels: LevelReport[]
  pass: boolean
  counts: ReportCounts
  by_county: (Breakdown & { county: string })[]
  by_category: (Breakdown & { category: 'industrial' | 'dust' | 'mobile' })[]
  by_industry?: (Breakdown & { industry: string })[]
  by_grade?: (Breakdown & { grade: string })[]
  top?: TopSource[]
  warnings: Diagnostic[]
}
