// The 应急响应 screen's calls into the shell (src-tauri/src/commands/episode.rs). The shapes
// mirror the CLI's JSON (schemas/episode-show.schema.json, inspect-plan, power-import,
// report-daily, report-evaluation): the same core functions answer both.
import { invoke } from '@tauri-apps/api/core'
import { open } from '@tauri-apps/plugin-dialog'
import { asAppError } from './index'

export type Level = 'yellow' | 'orange' | 'red'
export type NoticeState = 'pending' | 'notified' | 'confirmed' | 'overdue'

export interface NoticeCounts { issued: number; confirmed: number; confirmed_in_time: number; overdue: number }
export interface InspectionCounts { total: number; by_result: Record<string, number> }
export interface NoticeRow {
  id: number; level: Level; kind: 'enterprise' | 'site'; code: string; name: string; town: string
  responsible: string; phone: string; measures: string[]; deadline: string; state: NoticeState
  confirmed_at: string | null; confirmed_by: string | null
}
export interface InspectionRow {
  id: number; code: string; name: string; at: string; result: string; by: string; seen: string
  reading: number | null; photos: string[]; problem: string; rectification: string; corrects: number | null
}
export interface PowerFlag { code: string; name: string; date: string; level: Level; use: number; cap: number }
export interface EpisodeSummary {
  id: number; issuer: string; doc: string; pollutant: string; expected_end: string | null
  levels: { level: Level; at: string; doc: string }[]; ended_at: string | null
  notices: NoticeCounts; current_notices: NoticeRow[]; inspections: InspectionCounts
  records: InspectionRow[]; flags: PowerFlag[]; all: number[]
}
export interface PlanEntry {
  code: string; key: string; name: string; town: string
  reason: 'violation' | 'd_grade' | 'limiting' | 'rotation'; score: number; last_inspected: string | null
}
export interface SpotCheckPlan { date: string; level: Level; entries: PlanEntry[] }
export interface PowerImport {
  written: number; days: number; judged: number; flagged: PowerFlag[]; unmatched: number; no_normal: string[]
}
export interface RecordForm {
  code: string | null; site: string | null; at: string; result: string; by: string; seen: string
  reading: number | null; photos: string[]; problem: string; rectification: string; corrects: number | null
}

export interface Problem { id: number; code: string; name: string; at: string; result: string; problem: string; rectification: string }
export interface DailyReport {
  episode: number; date: string; started_at: string; level: Level; level_since: string; pollutant: string
  measures: { stop: number; limit: number; self_chosen: number; other: number; sites_stopped: number; fleets_restricted: number }
  notices: NoticeCounts; inspections: InspectionCounts; problems: Problem[]; power_flags: number; due: string
}
export interface EvaluationReport {
  episode: number; issuer: string; doc_no: string; pollutant: string; started_at: string; ended_at: string
  duration_hours: number; levels: { level: Level; from: string; to: string; hours: number }[]
  notices: NoticeCounts; confirmed_in_time_share: number; inspections: InspectionCounts; violations: Problem[]
  downgrade_candidates: string[]; guarantee_candidates: string[]; power_judged: number; power_flagged: number
  power_flagged_enterprises: number; power_no_normal: number; due: string
}
/** The settings an episode works with, stored with the list (shares as fractions: 0.1 = 10 %). */
export interface EpisodeSettings {
  notify_window_hours: number; daily_quota: number; standby_load: number; power_tolerance: number
  daily_report_due: string; evaluation_due_days: number
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw asAppError(e)
  }
}

export const episodeApi = {
  show: (id: number | null = null) => call<EpisodeSummary | null>('episode_show', { id }),
  start: (level: Level, at: string, doc: string, issuer: string, pollutant: string) =>
    call<EpisodeSummary>('episode_start', { level, at, doc, issuer, pollutant }),
  adjust: (level: Level, at: string, doc: string) => call<EpisodeSummary>('episode_adjust', { level, at, doc }),
  end: (at: string) => call<EpisodeSummary>('episode_end', { at }),
  ack: (n: NoticeRow, at: string, by: string) =>
    call<NoticeRow>('notice_ack', {
      code: n.kind === 'enterprise' ? n.code : null,
      site: n.kind === 'site' ? n.name : null,
      at,
      by,
    }),
  notifyExport: (path: string) => call<number>('notify_export', { path }),
  notifyDocx: (dir: string) => call<string[]>('notify_docx', { dir }),
  plan: (date: string | null) => call<SpotCheckPlan>('inspect_plan', { date }),
  record: (form: RecordForm) => call<InspectionRow>('inspect_record', { form }),
  powerImport: (path: string) => call<PowerImport>('power_import', { path }),
  reportDaily: (path: string, date: string | null) => call<DailyReport>('report_daily', { path, date }),
  reportEvaluation: (path: string, id: number | null) => call<EvaluationReport>('report_evaluation', { path, id }),
  settings: () => call<EpisodeSettings>('episode_settings'),
  setSettings: (settings: EpisodeSettings) => call<EpisodeSettings>('set_episode_settings', { settings }),
}

/** Native picker for inspection photos; empty when cancelled. */
export async function pickPhotos(): Promise<string[]> {
  const picked = await open({ multiple: true, filters: [{ name: '照片', extensions: ['jpg', 'jpeg', 'png', 'heic', 'webp'] }], title: '选择现场照片' })
  if (picked === null) return []
  return Array.isArray(picked) ? picked : [picked]
}

/** Native picker for an electricity workbook; null when cancelled. */
export async function pickPowerFile(): Promise<string | null> {
  const picked = await open({ multiple: false, filters: [{ name: '用电量工作簿', extensions: ['xlsx', 'xlsm', 'xls', 'ods'] }], title: '选择供电公司的用电量文件' })
  return typeof picked === 'string' ? picked : null
}

/** Native picker for a folder (Word 通知 per township). */
export async function pickFolder(): Promise<string | null> {
  const picked = await open({ directory: true, multiple: false, title: '选择保存通知的文件夹' })
  return typeof picked === 'string' ? picked : null
}

/** The level's name and colour (the bar across the window while an episode is open). */
export const LEVELS: Record<Level, { name: string; color: string }> = {
  yellow: { name: '黄色预警', color: '#e6a23c' },
  orange: { name: '橙色预警', color: '#f57c00' },
  red: { name: '红色预警', color: '#d32f2f' },
}

export const REASONS: Record<PlanEntry['reason'], string> = {
  violation: '上次未落实/部分落实，复查',
  d_grade: 'D级（按D级管理），尚未检查',
  limiting: '尚未检查，限产减排量大',
  rotation: '轮查：距上次检查最久',
}

/** Now as `YYYY-MM-DD HH:MM` local time: the default of every time field. */
export function nowText(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}
