// The episode shown by the 应急响应 screen and the level bar across the window: one shared
// copy, refreshed after every action so the bar follows a start, an adjustment or the end.
import { reactive } from 'vue'
import { asAppError, type AppError } from '../api'
import { episodeApi, type EpisodeSummary } from '../api/episode'

export const episode = reactive<{ shown: EpisodeSummary | null; open: EpisodeSummary | null; error: AppError | null }>({
  shown: null,
  open: null,
  error: null,
})

/** Loads the open (else last) episode, or `id` read-only. */
export async function refreshEpisode(id: number | null = null): Promise<void> {
  try {
    const e = await episodeApi.show(id)
    episode.shown = e
    episode.open = e !== null && e.ended_at === null ? e : id === null ? null : episode.open
    episode.error = null
  } catch (e) {
    episode.error = asAppError(e)
  }
}
