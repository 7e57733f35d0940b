// 生成一厂一策 / 生成公示牌: the native save dialog, the shell's writer, then a message that
// lists what shows as 【待补充】 in the document (the enterprise still has to supply it).
import { h } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api, asAppError, pickSavePath, type DocWritten } from '../api'

export type DocTarget =
  | { kind: 'plan'; code: string; name: string }
  | { kind: 'enterprise-board'; code: string; name: string }
  | { kind: 'site-board'; name: string }

/** The file name offered in the save dialog. */
export function defaultFileName(t: DocTarget): string {
  const name = t.name.trim() || '未命名'
  return t.kind === 'plan' ? `${name}-一厂一策.docx` : `${name}-公示牌.docx`
}

function write(t: DocTarget, path: string): Promise<DocWritten> {
  // Enterprises without a credit code are found by name (docs::find_enterprise).
  if (t.kind === 'plan') return api.writePlan(t.code || t.name, path)
  if (t.kind === 'enterprise-board') return api.writeEnterpriseBoard(t.code || t.name, path)
  return api.writeSiteBoard(t.name, path)
}

/** Asks where to save, writes the document and reports the missing fields; false when cancelled or failed. */
export async function generateDocument(t: DocTarget): Promise<boolean> {
  const path = await pickSavePath(defaultFileName(t), 'docx')
  if (!path) return false
  try {
    const w = await write(t, path)
    if (w.missing.length === 0) {
      ElMessage.success(`已生成 ${w.path}`)
    } else {
      await ElMessageBox.alert(
        h('div', [
          h('p', `已生成 ${w.path}。以下${w.missing.length}项为空，文档中标为【待补充】，请补全后重新生成：`),
          h('ul', { style: 'max-height: 300px; overflow: auto; margin: 0; padding-left: 20px' }, w.missing.map((m) => h('li', `${m.place}：${m.field}`))),
        ]),
        '文档已生成',
        { type: 'warning', confirmButtonText: '知道了' },
      )
    }
    return true
  } catch (e) {
    if (e === 'cancel' || e === 'close') return true
    ElMessage.error(asAppError(e).message)
    return false
  }
}
