// A comparison asked for from another screen (历史 → 对比 with a snapshot): the 对比 screen
// watches `seq` and compares with that snapshot.
import { reactive } from 'vue'

export const compareRequest = reactive({ snapshot: null as number | null, seq: 0 })
