// The pattern of the 扬尘源, 移动源 and 协同供暖 screens: load the records with their effects,
// select one, save it at once on every change (refusals marked in place), delete it.
import { ref, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { asAppError, type Saved, type Shown, type Snapshot } from '../api'
import { app, setSnapshot } from './useApp'
import type { RecordKind } from '../bindings/RecordKind'

interface HasId { id: number }

export function useRecords<T extends HasId>(
  kind: RecordKind,
  ops: { load: () => Promise<Shown<T>[]>; save: (r: T) => Promise<Saved<T>>; remove: (id: number) => Promise<Snapshot> },
) {
  const items = ref<Shown<T>[]>([]) as { value: Shown<T>[] }
  const selected = ref<number | null>(null)
  const errors = ref<Record<string, string>>({})
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      items.value = await ops.load()
    } catch (e) {
      ElMessage.error(asAppError(e).message)
    } finally {
      loading.value = false
    }
  }
  watch(() => app.version[kind], load, { immediate: true })

  const current = () => items.value.find((i) => i.record.id === selected.value) ?? null

  async function save(record: T): Promise<boolean> {
    try {
      const saved = await ops.save(record)
      setSnapshot(saved.snapshot)
      errors.value = {}
      const i = items.value.findIndex((x) => x.record.id === saved.record.id)
      const shown = { record: saved.record, effects: saved.effects }
      if (i >= 0) items.value.splice(i, 1, shown)
      else items.value.push(shown)
      selected.value = saved.record.id
      return true
    } catch (e) {
      const a = asAppError(e)
      errors.value = Object.fromEntries(a.fields.map((f) => [f.field, f.message]))
      ElMessage.error(a.message)
      return false
    }
  }

  async function remove(id: number) {
    try {
      setSnapshot(await ops.remove(id))
      items.value = items.value.filter((x) => x.record.id !== id)
      if (selected.value === id) selected.value = null
      ElMessage.success('已删除，可用 Ctrl+Z 撤销')
    } catch (e) {
      ElMessage.error(asAppError(e).message)
    }
  }

  return { items, selected, errors, loading, current, save, remove, load }
}

/** A blank source (one level's measure repeated), for a new site or fleet. */
export function blankSource() {
  const m = () => ({ text: '', share: null, amounts: { so2: null, nox: null, pm: null, vocs: null }, key_indicator: '', prep_time: '', owner: { name: '', phone: '' }, concentration_limit: null })
  return {
    id: 0, name: '', product: '', capacity: '', days: null, outlet: '', treatment: '', standard: '',
    annual: { so2: null, nox: null, pm: null, vocs: null }, daily: { so2: null, nox: null, pm: null, vocs: null },
    measures: { yellow: m(), orange: m(), red: m() }, origin: null,
  }
}
