// 审核 findings shared by the 审核 screen and the 总览's badge: fetched from the shell's
// review_findings command and refetched whenever the snapshot changes (every edit, undo,
// import returns a new one), so the count of errors follows each change. Also carries the
// finding the person clicked, so the enterprise page can highlight the offending line.
import { reactive } from 'vue'
import { api, asAppError, type AppError, type FindingRow } from '../api'
import { errorCount } from '../lib/rules'

export const review = reactive({
  rows: [] as FindingRow[],
  /** Rule id → title as the shell's rule file says it. */
  titles: {} as Record<string, string>,
  loading: false,
  error: null as AppError | null,
  /** The sheet and row of the finding last opened (the enterprise page marks that line). */
  focus: null as { sheet: string; row: number } | null,
})

let pending: Promise<void> | null = null
let again = false

/** Fetches the findings; calls made while one runs are folded into one more fetch. */
export async function refreshReview(): Promise<void> {
  if (pending) {
    again = true
    return pending
  }
  pending = (async () => {
    review.loading = true
    try {
      do {
        again = false
        review.rows = await api.reviewFindings()
      } while (again)
      if (Object.keys(review.titles).length === 0) {
        review.titles = Object.fromEntries((await api.reviewRules()).map((r) => [r.id, r.title]))
      }
      review.error = null
    } catch (e) {
      review.error = asAppError(e)
    } finally {
      review.loading = false
      pending = null
    }
  })()
  return pending
}

/** Errors among the current findings. */
export function reviewErrors(): number {
  return errorCount(review.rows)
}
