import { describe, expect, it } from 'vitest'
import { parseAmount, parsePercent, percent, ratioClass, tonnes } from './format'

describe('format', () => {
  it('shows ratios with two decimals', () => {
    expect(percent(0.1125)).toBe('11.25%')
    expect(percent(0.05)).toBe('5.00%')
    expect(percent(null)).toBe('—')
  })
  it('shows amounts in t/d', () => {
    expect(tonnes(0.45)).toBe('0.4500')
    expect(tonnes(undefined)).toBe('—')
  })
  it('reads percentages as typed', () => {
    expect(parsePercent('30')).toBeCloseTo(0.3)
    expect(parsePercent('３０％')).toBeCloseTo(0.3)
    expect(parsePercent('')).toBeNull()
    expect(parsePercent('三十')).toBe('invalid')
  })
  it('reads amounts and refuses negatives', () => {
    expect(parseAmount('1,200')).toBe(1200)
    expect(parseAmount('30吨')).toBe(30)
    expect(parseAmount('-1')).toBe('invalid')
    expect(parseAmount(' ')).toBeNull()
  })
  it('colours ratios against the target with the 1e-9 tolerance', () => {
    expect(ratioClass(0.1 - 1e-12, 0.1)).toBe('pass')
    expect(ratioClass(0.085, 0.1)).toBe('near')
    expect(ratioClass(0.05, 0.1)).toBe('fail')
    expect(ratioClass(null, 0.1)).toBe('fail')
  })
})
