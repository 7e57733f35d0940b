// The only place in the UI that talks to Tauri (docs/architecture.md, "The layers").
// Every command of src-tauri has one typed function here; everything else imports these.
import { Channel, invoke } from '@tauri-apps/api/core'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import { open, save } from '@tauri-apps/plugin-dialog'
import type { AppError } from '../bindings/AppError'
import type { BatchOutcome } from '../bindings/BatchOutcome'
import type { BatchStep } from '../bindings/BatchStep'
import type { AppInfo } from '../bindings/AppInfo'
import type { CodeCheck } from '../bindings/CodeCheck'
import type { Enterprise } from '../bindings/Enterprise'
import type { EnterpriseRow } from '../bindings/EnterpriseRow'
import type { Fleet } from '../bindings/Fleet'
import type { Heating } from '../bindings/Heating'
import type { ImportHow } from '../bindings/ImportHow'
import type { ImportPreview } from '../bindings/ImportPreview'
import type { Saved } from '../bindings/Saved'
import type { Settings } from '../bindings/Settings'
import type { Shown } from '../bindings/Shown'
import type { Site } from '../bindings/Site'
import type { Snapshot } from '../bindings/Snapshot'
import type { Source } from '../bindings/Source'
import type { SourceReduction as SourceEffect } from '../bindings/SourceReduction'
import type { Undone } from '../bindings/Undone'
import type { Written } from '../bindings/Written'
import type { BoardPreview } from '../bindings/BoardPreview'
import type { DocWritten } from '../bindings/DocWritten'
import type { FindingRow } from '../bindings/FindingRow'
import type { PlacedDiagnostic } from '../bindings/PlacedDiagnostic'
import type { RuleTitle } from '../bindings/RuleTitle'
import type { RuleEntry } from '../bindings/RuleEntry'
import type { RuleView } from '../bindings/RuleView'

/** Turns whatever a failed command threw into the shell's `{code, message}`. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as AppError
  return { code: 'store.io', message: String(e), diagnostics: [], fields: [] }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw asAppError(e)
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  snapshot: () => call<Snapshot>('snapshot'),
  setSettings: (settings: Settings) => call<Snapshot>('set_settings', { settings }),
  undo: () => call<Undone>('undo'),

  enterpriseRows: () => call<EnterpriseRow[]>('enterprise_rows'),
  enterprise: (id: number) => call<Shown<Enterprise>>('enterprise', { id }),
  saveEnterprise: (record: Enterprise) => call<Saved<Enterprise>>('save_enterprise', { record }),
  deleteEnterprise: (id: number) => call<Snapshot>('delete_enterprise', { id }),
  sites: () => call<Shown<Site>[]>('sites'),
  saveSite: (record: Site) => call<Saved<Site>>('save_site', { record }),
  deleteSite: (id: number) => call<Snapshot>('delete_site', { id }),
  fleets: () => call<Shown<Fleet>[]>('fleets'),
  saveFleet: (record: Fleet) => call<Saved<Fleet>>('save_fleet', { record }),
  deleteFleet: (id: number) => call<Snapshot>('delete_fleet', { id }),
  heating: () => call<Shown<Heating>[]>('heating'),
  saveHeating: (record: Heating) => call<Saved<Heating>>('save_heating', { record }),
  deleteHeating: (id: number) => call<Snapshot>('delete_heating', { id }),
  checkCode: (code: string) => call<CodeCheck>('check_code', { code }),

  importPreview: (path: string) => call<ImportPreview>('import_preview', { path }),
  importCommit: (path: string, how: ImportHow) => call<Snapshot>('import_commit', { path, how }),
  exportSubmission: (path: string) => call<Written>('export_submission', { path }),
  exportEnterprise: (code: string, path: string) => call<Written>('export_enterprise', { code, path }),
  writeNote: (path: string) => call<Written>('write_note', { path }),
  /** 全部导出 into `dir`; `onStep` is called after each document. */
  exportAll: (dir: string, onStep: (step: BatchStep) => void) => {
    const channel = new Channel<BatchStep>()
    channel.onmessage = onStep
    return call<BatchOutcome>('export_all', { dir, onStep: channel })
  },
  cancelExport: () => call<void>('cancel_export'),
  backup: (path: string) => call<Written>('backup', { path }),
  openDataFile: (path: string) => call<Snapshot>('open_data_file', { path }),

  reviewFindings: () => call<FindingRow[]>('review_findings'),
  reviewErrorCount: () => call<number>('review_error_count'),
  reportWarnings: () => call<PlacedDiagnostic[]>('report_warnings'),
  reviewRules: () => call<RuleTitle[]>('review_rules'),
  ruleEntries: () => call<RuleEntry[]>('rule_entries'),
  setRule: (id: string, key: string, value: string) => call<RuleView>('set_rule', { id, key, value }),
  resetRules: (id: string | null) => call<number>('reset_rules', { id }),
  writePlan: (code: string, path: string) => call<DocWritten>('write_plan', { code, path }),
  writeEnterpriseBoard: (code: string, path: string) => call<DocWritten>('write_enterprise_board', { code, path }),
  writeSiteBoard: (name: string, path: string) => call<DocWritten>('write_site_board', { name, path }),
  enterpriseBoardPreview: (code: string) => call<BoardPreview>('enterprise_board_preview', { code }),
  siteBoardPreview: (name: string) => call<BoardPreview>('site_board_preview', { name }),
}

const WORKBOOKS = [{ name: '清单工作簿', extensions: ['xlsx', 'xlsm', 'xls', 'ods'] }]

/** Native open dialog for a list workbook; null when cancelled. */
export async function pickWorkbook(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: WORKBOOKS, title: '选择清单工作簿' })
  return typeof picked === 'string' ? picked : null
}

/** Native save dialog; null when cancelled. */
export async function pickSavePath(defaultPath: string, kind: 'xlsx' | 'docx' | 'sqlite'): Promise<string | null> {
  const names = { xlsx: 'Excel 工作簿', docx: 'Word 文档', sqlite: '数据文件' }
  return await save({ defaultPath, filters: [{ name: names[kind], extensions: [kind] }] })
}

/** Native folder dialog (全部导出); null when cancelled. */
export async function pickFolder(title: string): Promise<string | null> {
  const picked = await open({ multiple: false, directory: true, title })
  return typeof picked === 'string' ? picked : null
}

/** Native open dialog for a data file (设置 → 打开其他数据文件). */
export async function pickDataFile(): Promise<string | null> {
  const picked = await open({ multiple: false, filters: [{ name: '数据文件', extensions: ['sqlite', 'db'] }] })
  return typeof picked === 'string' ? picked : null
}

/** Calls `onFile` with the first file dropped on the window; returns the unsubscribe. */
export async function onFileDrop(onFile: (path: string) => void, onHover?: (over: boolean) => void) {
  return await getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload
    if (p.type === 'over' || p.type === 'enter') onHover?.(true)
    else if (p.type === 'leave') onHover?.(false)
    else if (p.type === 'drop') {
      onHover?.(false)
      if (p.paths.length > 0) onFile(p.paths[0])
    }
  })
}

export type {
  AppError,
  BatchOutcome,
  BatchStep,
  BoardPreview,
  DocWritten,
  FindingRow,
  RuleTitle,
  RuleEntry,
  RuleView,
  AppInfo,
  Enterprise,
  EnterpriseRow,
  Fleet,
  Heating,
  ImportPreview,
  Saved,
  Settings,
  Shown,
  Site,
  Snapshot,
  Source,
  SourceEffect,
}
