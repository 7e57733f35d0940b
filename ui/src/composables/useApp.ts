// The app's shared state: the latest Snapshot (report + settings), the 工业源 grid rows, and
// the undo action. Every edit returns a fresh Snapshot, so the 总览 follows each change.
import { markRaw, reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { api, asAppError, type AppError, type AppInfo, type EnterpriseRow, type Snapshot } from '../api'
import type { RecordKind } from '../bindings/RecordKind'

export type Screen =
  | 'overview'
  | 'industry'
  | 'enterprise'
  | 'dust'
  | 'mobile'
  | 'heating'
  | 'import'
  | 'export'
  | 'review'
  | 'settings'
  | 'episode'
  | 'history'
  | 'compare'

export interface AppStore {
  screen: Screen
  enterpriseId: number | null
  snapshot: Snapshot | null
  info: AppInfo | null
  /** Kept raw (not deeply reactive): 20,000 rows behind proxies made every filter and grid
   * frame read each field through a trap. A change replaces the array, which is what the
   * screens watch. */
  rows: EnterpriseRow[]
  rowsLoaded: boolean
  /** Bumped whenever records of a kind changed outside the screen showing them (undo, import). */
  version: Record<RecordKind, number>
  lastError: AppError | null
}

export const app = reactive<AppStore>({
  screen: 'overview',
  enterpriseId: null,
  snapshot: null,
  info: null,
  rows: [],
  rowsLoaded: false,
  version: { enterprise: 0, site: 0, fleet: 0, heating: 0, settings: 0 },
  lastError: null,
})

/** Shows `screen`; a message of the screen left ("已导入 3 家企业") does not follow to another. */
export function go(screen: Screen, enterpriseId: number | null = null) {
  if (screen !== app.screen) ElMessage.closeAll()
  app.screen = screen
  if (enterpriseId !== null) app.enterpriseId = enterpriseId
}

export function setSnapshot(s: Snapshot) {
  app.snapshot = s
}

export async function loadAll() {
  app.info = await api.appInfo()
  performance.mark('jianpai:session-open')
  try {
    app.snapshot = await api.snapshot()
    performance.mark('jianpai:snapshot')
    await loadRows()
  } catch (e) {
    app.lastError = asAppError(e)
  }
}

export async function loadRows() {
  app.rows = markRaw(await api.enterpriseRows())
  app.rowsLoaded = true
}

/** Replaces one grid row after an enterprise was saved (or removes it). */
export function putRow(row: EnterpriseRow | null, id: number) {
  const rows = app.rows.slice()
  const i = rows.findIndex((r) => r.id === id)
  if (row === null) {
    if (i >= 0) rows.splice(i, 1)
  } else if (i >= 0) rows.splice(i, 1, row)
  else rows.push(row)
  app.rows = markRaw(rows)
}

/** After an import or opening another data file: everything is new. */
export async function reloadEverything(s: Snapshot) {
  app.snapshot = s
  await loadRows()
  for (const k of Object.keys(app.version) as RecordKind[]) app.version[k]++
}

/** Ctrl+Z: takes the last edit back; returns the message to show. */
export async function undoLast(): Promise<string> {
  const label = app.snapshot?.undo ?? null
  const done = await api.undo()
  app.snapshot = done.snapshot
  if (done.kind === 'enterprise') await loadRows()
  app.version[done.kind]++
  return label ? `已${label.replace(/^撤销/, '撤销')}` : '已撤销'
}
