import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import VirtualGrid, { type GridColumn } from './VirtualGrid.vue'

interface Row {
  id: number
  name: string
}

const columns: GridColumn<Row>[] = [
  { key: 'id', title: '序号', width: 80, sortable: true, align: 'right', text: (r) => String(r.id) },
  { key: 'name', title: '企业名称', width: 200, text: (r) => r.name, cellClass: (r) => `c-${r.id % 2}`, test: 'name-cell' },
]
// mount() cannot name the generic component's row type: the columns are handed over untyped.
const anyColumns = columns as unknown as GridColumn<unknown>[]
const rows: Row[] = Array.from({ length: 20000 }, (_, i) => ({ id: i + 1, name: `企业${i + 1}` }))

// jsdom lays nothing out: the scroll element's size is given to the virtualiser by hand.
function grid(props: Record<string, unknown> = {}) {
  const w = mount(VirtualGrid, { props: { columns: anyColumns, rows, ...props }, attachTo: document.body })
  const el = w.find('.vgrid').element as HTMLElement
  Object.defineProperty(el, 'clientHeight', { value: 360, configurable: true })
  Object.defineProperty(el, 'offsetHeight', { value: 360, configurable: true })
  Object.defineProperty(el, 'offsetWidth', { value: 800, configurable: true })
  return w
}

describe('VirtualGrid', () => {
  it('draws the header and only the rows near the view, not all 20,000', async () => {
    const w = grid()
    await nextTick()
    expect(w.findAll('[role=columnheader]').map((h) => h.text())).toEqual(['序号', '企业名称'])
    const drawn = w.findAll('[data-test=grid-row]')
    expect(drawn.length).toBeGreaterThan(0)
    expect(drawn.length).toBeLessThan(50)
    expect(drawn[0].text()).toContain('企业1')
    expect(w.find('[data-test=name-cell]').classes()).toContain('c-1')
    // The body is as tall as every row together, so the scroll bar is the whole list's.
    const body = w.find('.vgrid-body').element as HTMLElement
    expect(body.style.height).toBe(`${20000 * 36}px`)
    w.unmount()
  })

  it('asks to sort on a sortable header only, and marks the sorted column', async () => {
    const w = grid({ sort: { key: 'id', asc: false } })
    await nextTick()
    const [byId, byName] = w.findAll('[role=columnheader]')
    expect(byId.attributes('aria-sort')).toBe('descending')
    expect(byId.text()).toContain('▼')
    await byId.trigger('click')
    await byName.trigger('click')
    expect(w.emitted('sort')).toEqual([['id']])
    w.unmount()
  })

  it('hands the clicked row back, and shows the empty slot without rows', async () => {
    const w = grid()
    await nextTick()
    await w.findAll('[data-test=grid-row]')[2].trigger('click')
    expect(w.emitted('rowClick')).toEqual([[rows[2]]])
    w.unmount()

    const empty = mount(VirtualGrid, { props: { columns: anyColumns, rows: [] }, slots: { empty: '<p class="none">没有符合条件的企业</p>' } })
    expect(empty.find('.none').exists()).toBe(true)
    expect(empty.findAll('[data-test=grid-row]')).toHaveLength(0)
    empty.unmount()
  })
})
