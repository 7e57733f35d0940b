// 设置 → 审核规则: what the rule editor shows of each rule. Everything about a rule (title,
// id, severity, settings and their defaults, the seed passage) comes from the core's
// rule_entries command (schemas/rules.json with the list's stored changes); nothing here
// knows a rule id.
import type { RuleEntry } from '../bindings/RuleEntry'

export interface SettingRow {
  key: string
  /** The value as it applies now. */
  value: number
  /** The value a reset brings back. */
  default: number
  changed: boolean
}

/** A setting's number as a person reads it: at most four decimals, no trailing zeros. */
export function settingText(n: number): string {
  return String(Number(n.toFixed(4)))
}

/** The rule's settings in the core's (alphabetical) order, each beside its default. */
export function settingRows(e: RuleEntry): SettingRow[] {
  return Object.entries(e.rule.settings).map(([key, value]) => {
    const d = e.default.settings[key] ?? value
    return { key, value, default: d, changed: value !== d }
  })
}

/** True when anything of the rule differs from its default (the per-rule reset applies). */
export function isChanged(e: RuleEntry): boolean {
  return e.rule.enabled !== e.default.enabled || e.rule.severity !== e.default.severity || settingRows(e).some((s) => s.changed)
}

/** How many rules differ from their defaults (the reset-all button says so). */
export function changedCount(entries: RuleEntry[]): number {
  return entries.filter(isChanged).length
}
