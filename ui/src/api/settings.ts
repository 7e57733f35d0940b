// 设置's calls into the shell (src-tauri/src/commands/settings.rs): the data file's automatic
// backups, its preferences (the same ones `jianpai settings` shows) and the 关于 facts.
import { invoke } from '@tauri-apps/api/core'
import { asAppError } from './index'
import type { About } from '../bindings/About'
import type { BackupRow } from '../bindings/BackupRow'
import type { PreferenceView } from '../bindings/PreferenceView'
import type { Snapshot } from '../bindings/Snapshot'

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw asAppError(e)
  }
}

export const settingsApi = {
  backups: () => call<BackupRow[]>('backups'),
  restoreBackup: (file: string) => call<Snapshot>('restore_backup', { file }),
  preferences: () => call<PreferenceView[]>('preferences'),
  setPreference: (key: string, value: string) => call<PreferenceView[]>('set_preference', { key, value }),
  resetPreferences: (key: string | null) => call<PreferenceView[]>('reset_preferences', { key }),
  about: () => call<About>('about'),
}

export type { About, BackupRow, PreferenceView }
