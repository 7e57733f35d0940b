// 历史, 对比, coverage and 备案: the calls into the shell (src-tauri/src/commands/revision.rs).
// The answers are the core's own types (ts-rs), the same the CLI prints as JSON.
import { invoke } from '@tauri-apps/api/core'
import { open } from '@tauri-apps/plugin-dialog'
import { asAppError } from './index'
import type { CompareWith } from '../bindings/CompareWith'
import type { Coverage } from '../bindings/Coverage'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { FilingState } from '../bindings/FilingState'
import type { HistoryRestored } from '../bindings/HistoryRestored'
import type { ListDiff } from '../bindings/ListDiff'
import type { SnapshotInfo } from '../bindings/SnapshotInfo'
import type { Written } from '../bindings/Written'

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw asAppError(e)
  }
}

export const revision = {
  history: () => call<SnapshotInfo[]>('history'),
  save: (note: string) => call<SnapshotInfo[]>('history_save', { note }),
  restore: (id: number) => call<HistoryRestored>('history_restore', { id }),
  compare: (old: CompareWith) => call<ListDiff>('compare', { old }),
  writeNote: (old: CompareWith, path: string) => call<Written>('write_revision_note', { old, path }),
  coverage: (path: string) => call<Coverage>('coverage', { path }),
  setFiling: (id: number, state: FilingState, date: string, number: string) =>
    call<EnterpriseRow>('set_filing', { id, state, date, number }),
}

/** Native open dialog for a register extract (排污许可名录, 普查, 工商登记); null when cancelled. */
export async function pickExtract(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: [{ name: '名录表格', extensions: ['xlsx', 'xlsm', 'xls', 'ods'] }], title: '选择排污许可、普查或工商登记名录' })
  return typeof picked === 'string' ? picked : null
}

export type { CompareWith, Coverage, FilingState, ListDiff, SnapshotInfo }
