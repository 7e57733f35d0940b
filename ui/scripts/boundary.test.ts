// Only ui/src/api/ may import @tauri-apps/* (docs/architecture.md: only ui/src/api/ talks to
// Tauri). This test reads every source file and fails naming the offender.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(__dirname, '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return files(p)
    return /\.(ts|vue|js)$/.test(name) ? [p] : []
  })
}

describe('the Tauri boundary', () => {
  it('keeps @tauri-apps imports inside src/api', () => {
    const all = files(SRC)
    expect(all.length).toBeGreaterThan(5)
    const offenders = all
      .filter((p) => !relative(SRC, p).startsWith('api'))
      .filter((p) => /from\s+['"]@tauri-apps\/|import\(\s*['"]@tauri-apps\//.test(readFileSync(p, 'utf8')))
      .map((p) => relative(SRC, p))
    expect(offenders).toEqual([])
  })
  it('does import @tauri-apps inside src/api (the check looks at the right place)', () => {
    expect(readFileSync(join(SRC, 'api', 'index.ts'), 'utf8')).toContain("from '@tauri-apps/api/core'")
  })
})
