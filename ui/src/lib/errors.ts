// What the person can do about a failure, chosen by the core's stable error code (never by
// reading the message): a locked data file, one from a newer jianpai, a damaged one.
import type { ErrorCode } from '../bindings/ErrorCode'

/** The next step to suggest for a data file that could not be opened. */
export function openFailureHint(code: ErrorCode): string {
  switch (code) {
    case 'store.locked':
      return '该数据文件正被其他 jianpai 窗口或命令使用：关闭它们后重新启动程序，或在“设置”中打开另一个数据文件。'
    case 'store.newer_schema':
      return '该数据文件来自更新版本的 jianpai：请升级本程序，或在“设置”中打开另一个数据文件。'
    case 'store.corrupt':
      return '该文件不是可用的清单数据文件：请从备份恢复，或在“设置”中打开或新建一个数据文件。'
    default:
      return '请在“设置”中打开或新建一个数据文件。'
  }
}
