import { describe, expect, it } from 'vitest'
import { checkCharacter, checkCode, normaliseCode } from './creditCode'

describe('统一社会信用代码', () => {
  it('accepts published codes', () => {
    expect(checkCode('91110000802100433B').message).toBeNull()
    expect(checkCode('91310000MA1FL4B24G').message).toBeNull()
  })
  it('wraps a check value of 31 to 0', () => {
    expect(checkCharacter('00000000000000000')).toBe('0')
  })
  it('names each problem like the core does', () => {
    const short = checkCode('9111000080210043')
    expect(short.message).toContain('有16位')
    expect(short.warningOnly).toBe(false)
    const illegal = checkCode('91110000802100433I')
    expect(illegal.message).toContain('非法字符“I”')
    const check = checkCode('91110000802100433A')
    expect(check.message).toContain('应为“B”')
    expect(check.warningOnly).toBe(true)
  })
  it('normalises spaces, case and full width', () => {
    expect(normaliseCode(' 9111 0000802100433b ')).toBe('91110000802100433B')
    expect(normaliseCode('９１ａ')).toBe('91A')
    expect(checkCode(' 9111 0000802100433b').message).toBeNull()
  })
  it('allows an empty code', () => {
    expect(checkCode('  ').message).toBeNull()
  })
})
