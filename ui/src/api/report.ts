// Names for the report of `jianpai check --json` (docs/cli.md). The types themselves
// are generated from the core's `reduce::Report` (ui/src/bindings/Report.ts).
export type { Report as CheckReport } from '../bindings/Report'
export type { LevelCheck as LevelReport } from '../bindings/LevelCheck'
export type { Pollutant as PollutantKey } from '../bindings/Pollutant'
export type { Level as LevelKey } from '../bindings/Level'
export type { PerPollutant } from '../bindings/PerPollutant'
export type ByPollutant<T> = import('../bindings/PerPollutant').PerPollutant<T>
