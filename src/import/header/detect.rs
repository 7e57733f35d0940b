//! Finding a sheet's header: the row, or pair of rows, within the first 15 that names the
//! most columns the sheet's role reads, and what each of its columns holds.

use super::super::grid::Grid;
use super::super::role::Role;
use super::normalise::{normalise_header, Unit};
use super::vocabulary::{Aliases, Field, LevelField, Plain};

/// A recognised column of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// 0-based absolute column.
    pub col: usize,
    /// The header text as written (group and name joined for two-row headers), for messages.
    pub label: String,
    /// What the column holds.
    pub field: Field,
    /// The unit from the header (or its group), if any.
    pub unit: Option<Unit>,
}

/// Where a sheet's header is and what its columns are.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// 0-based absolute row of the header (the top row of a two-row header).
    pub header_row: usize,
    /// 0-based absolute row of the first data row.
    pub data_row: usize,
    /// Recognised columns, left to right; each field at most once.
    pub columns: Vec<Column>,
    /// Headers that matched nothing, as written, with their 0-based column.
    pub unknown: Vec<(usize, String)>,
    /// Headers naming a field already taken by a column to their left.
    pub duplicates: Vec<(usize, String)>,
}

impl Layout {
    /// The column holding `field`, if the sheet has one.
    pub fn find(&self, field: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }
}

/// How far down the header may be (`docs/workbook.md`: within the first 15 rows).
pub const HEADER_SEARCH_ROWS: usize = 15;

/// A header cell: the readings of its text to try, best first. A single-row header has one;
/// a cell of a two-row header may be read as group + lower cell, as the lower cell alone (it
/// may already say the group: 黄色预警 over 黄色预警减排措施) or as the upper cell alone.
struct Candidate {
    col: usize,
    readings: Vec<Reading>,
}

/// One way to read a header cell.
struct Reading {
    /// The text as written (group and name joined for a group reading), for messages.
    label: String,
    /// The normalised name to resolve.
    name: String,
    /// The unit from the header (or its group).
    unit: Option<Unit>,
}

impl Reading {
    fn of(label: String) -> Reading {
        let h = normalise_header(&label);
        Reading {
            label,
            name: h.name,
            unit: h.unit,
        }
    }
}

/// Finds the header of a sheet: the row, or pair of rows, within the first 15 whose cells
/// match the most known columns for the sheet's role. A pair is weighed as one header: each
/// column counts once, by the first of its readings that names a known column, so a top row
/// with 企业名称 and a lower row with the level columns beat the lower row alone. A tie goes
/// to the single row, so a single-row header followed by data is not read as a pair.
pub(crate) fn detect(grid: &Grid<'_>, role: Role) -> Option<Layout> {
    let aliases = Aliases::get();
    let last = HEADER_SEARCH_ROWS.min(grid.height());
    let merges = header_merges(grid);
    let mut best: Option<(usize, Layout)> = None;
    for r in 0..last {
        for two in [false, true] {
            if two && r + 1 >= grid.height() {
                continue;
            }
            let cands = if two {
                pair_candidates(grid, &merges, r, aliases)
            } else {
                single_candidates(grid, r)
            };
            let layout = classify(cands, r, if two { r + 2 } else { r + 1 }, role, aliases);
            // More known columns wins; then fewer unknown ones (a title row above a
            // single-row header adds only noise); then the earlier, single-row candidate.
            let score = layout.columns.len() * 1000 + 999 - layout.unknown.len().min(999);
            if !layout.columns.is_empty() && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, layout));
            }
        }
    }
    best.map(|(_, l)| l)
}

/// The merged regions that touch the header search area, gathered once.
fn header_merges(grid: &Grid<'_>) -> Vec<calamine::Dimensions> {
    grid.merges
        .iter()
        .filter(|m| (m.start.0 as usize) <= HEADER_SEARCH_ROWS + 1)
        .copied()
        .collect()
}

fn label_of(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .collect::<String>()
        .trim()
        .to_string()
}

fn single_candidates(grid: &Grid<'_>, r: usize) -> Vec<Candidate> {
    grid.row(r)
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_blank())
        .map(|(col, v)| Candidate {
            col,
            readings: vec![Reading::of(label_of(&v.text()))],
        })
        .collect()
}

/// The text of the group over column `col` in row `r`: the top-left text of a merge that
/// spans several columns, or — where the format gives no merges (ods) or the author only
/// centred across — a known group name to the left with blank cells up to this column.
fn group_over(
    grid: &Grid<'_>,
    merges: &[calamine::Dimensions],
    r: usize,
    col: usize,
    aliases: &Aliases,
) -> Option<String> {
    if let Some(m) = merges
        .iter()
        .find(|m| m.contains(r as u32, col as u32) && m.end.1 > m.start.1)
    {
        let text = grid.cell(m.start.0 as usize, m.start.1 as usize).text();
        return Some(label_of(&text));
    }
    let own = grid.cell(r, col);
    if !own.is_blank() {
        let label = label_of(&own.text());
        return aliases.group(&normalise_header(&label).name).map(|_| label);
    }
    let mut c = col;
    while c > 0 {
        c -= 1;
        let v = grid.cell(r, c);
        if merges.iter().any(|m| m.contains(r as u32, c as u32)) {
            return None;
        }
        if !v.is_blank() {
            let label = label_of(&v.text());
            return aliases.group(&normalise_header(&label).name).map(|_| label);
        }
        if grid.cell(r + 1, c).is_blank() {
            return None;
        }
    }
    None
}

fn pair_candidates(
    grid: &Grid<'_>,
    merges: &[calamine::Dimensions],
    r: usize,
    aliases: &Aliases,
) -> Vec<Candidate> {
    let width = grid.width(r..r + 2);
    let mut out = Vec::new();
    for col in 0..width {
        let top = grid.cell(r, col);
        let bottom = grid.cell(r + 1, col);
        if let Some(m) = merges
            .iter()
            .find(|m| m.contains(r as u32, col as u32) && m.contains(r as u32 + 1, col as u32))
        {
            // One cell over both rows (企业名称 merged down): its own name, once.
            if m.start.1 as usize == col {
                let label = label_of(&grid.cell(m.start.0 as usize, col).text());
                out.push(Candidate {
                    col,
                    readings: vec![Reading::of(label)],
                });
            }
            continue;
        }
        let group = group_over(grid, merges, r, col, aliases);
        let below = (!bottom.is_blank()).then(|| Reading::of(label_of(&bottom.text())));
        let above = (!top.is_blank()).then(|| Reading::of(label_of(&top.text())));
        let readings: Vec<Reading> = match (group, below) {
            (Some(g), Some(b)) => {
                let gh = normalise_header(&g);
                if aliases.group(&gh.name).is_some() {
                    // 黄色预警 + 减排措施 → 黄色预警减排措施; a unit on the group (排放量(t/a))
                    // applies to its columns unless a column gives its own. The lower cell
                    // alone comes next: it may already name the group (黄色预警减排措施,
                    // SO2排放量 under 排放量), which must not be doubled.
                    let unit = b.unit.or(gh.unit);
                    vec![
                        Reading {
                            label: format!("{g}{}", b.label),
                            name: gh.name + &b.name,
                            unit,
                        },
                        Reading { unit, ..b },
                    ]
                } else {
                    // A group that names no column (正常工况排放量, 企业基本信息): the lower
                    // cell is the column.
                    vec![b]
                }
            }
            (Some(_), None) => continue,
            // Two stacked cells without a group: the lower one is usually the column's
            // name under a generic word; the upper one where the lower names nothing.
            (None, Some(b)) => std::iter::once(b).chain(above).collect(),
            (None, None) => match above {
                Some(a) => vec![a],
                None => continue,
            },
        };
        out.push(Candidate { col, readings });
    }
    out
}

/// Sorts candidates into recognised, unknown and duplicate columns for the role: each
/// candidate is the first of its readings that names a column the role reads.
fn classify(
    cands: Vec<Candidate>,
    header_row: usize,
    data_row: usize,
    role: Role,
    aliases: &Aliases,
) -> Layout {
    let mut layout = Layout {
        header_row,
        data_row,
        columns: Vec::new(),
        unknown: Vec::new(),
        duplicates: Vec::new(),
    };
    for c in cands {
        let found = c.readings.iter().find_map(|reading| {
            aliases
                .resolve(&reading.name)
                .map(|f| bare_phone(f, &layout.columns, c.col))
                .map(|f| period_from_unit(f, reading.unit))
                .map(|f| role.adapt(f))
                .filter(|f| role.accepts(*f))
                .map(|f| (f, reading))
        });
        match found {
            Some((Field::Plain(Plain::Ignored), _)) => {}
            Some((f, reading)) if layout.find(f).is_some() => {
                layout.duplicates.push((c.col, reading.label.clone()))
            }
            Some((field, reading)) => layout.columns.push(Column {
                col: c.col,
                label: reading.label.clone(),
                field,
                unit: reading.unit,
            }),
            None => {
                if let Some(first) = c.readings.into_iter().next() {
                    layout.unknown.push((c.col, first.label));
                }
            }
        }
    }
    layout
}

/// An emission column's period follows its unit where the unit says one: 二氧化硫排放量(t/d)
/// holds daily emissions even though 排放量 alone means annual.
fn period_from_unit(field: Field, unit: Option<Unit>) -> Field {
    match (field, unit) {
        (Field::Emission(p, _), Some(Unit::Mass { per: Some(per), .. })) => Field::Emission(p, per),
        _ => field,
    }
}

/// A bare 电话 column is the phone of the contact to its left (法定代表人 | 电话).
fn bare_phone(field: Field, columns: &[Column], col: usize) -> Field {
    if field != Field::Plain(Plain::Phone) {
        return field;
    }
    let left = columns.last().filter(|c| c.col + 1 == col).map(|c| c.field);
    let phone = match left {
        Some(Field::Plain(Plain::LegalName)) => Plain::LegalPhone,
        Some(Field::Plain(Plain::ResponsibleName)) => Plain::ResponsiblePhone,
        Some(Field::Plain(Plain::SupervisorName)) => Plain::SupervisorPhone,
        Some(Field::Plain(Plain::ManagerName)) => Plain::ManagerPhone,
        Some(Field::Level(l, LevelField::OwnerName)) => {
            return Field::Level(l, LevelField::OwnerPhone)
        }
        _ => Plain::Phone,
    };
    Field::Plain(phone)
}
