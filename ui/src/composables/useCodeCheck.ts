// The credit-code check as the user types: the core's GB 32100 check (check_code command),
// refetched whenever the code changes; a late answer for an older text is dropped.
import { ref, watch } from 'vue'
import { api } from '../api'
import type { CodeCheck } from '../bindings/CodeCheck'

const FINE: CodeCheck = { normalised: '', message: null, warning_only: false }

export function useCodeCheck(code: () => string) {
  const verdict = ref<CodeCheck>({ ...FINE })
  watch(
    code,
    async (c) => {
      const v = await api.checkCode(c).catch(() => ({ ...FINE, normalised: c }))
      if (code() === c) verdict.value = v
    },
    { immediate: true },
  )
  return verdict
}
