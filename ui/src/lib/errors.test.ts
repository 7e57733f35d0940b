import { describe, expect, it } from 'vitest'
import { openFailureHint } from './errors'

describe('open failure hints', () => {
  it('say what to do for the codes the person can act on', () => {
    expect(openFailureHint('store.locked')).toContain('关闭')
    expect(openFailureHint('store.newer_schema')).toContain('升级')
    expect(openFailureHint('store.corrupt')).toContain('备份')
    expect(openFailureHint('store.io')).toBe('请在“设置”中打开或新建一个数据文件。')
  })
})
