// A workbook path handed to the 导入 screen from elsewhere (a drop on the window, the
// first-run offer on the 总览); `seq` changes so the screen starts a dry run each time.
import { reactive } from 'vue'

export const importRequest = reactive({ path: '', seq: 0 })

export function requestImport(path: string) {
  importRequest.path = path
  importRequest.seq++
}
