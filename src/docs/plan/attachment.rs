//! Annex: the notice board as the plan carries it.

use docx_rs::{Docx, Paragraph, TableRow};

use crate::model::Level;

use super::{label_table, Plan, WIDTH};
use crate::docs::typeset::{self, cell, size, CellStyle};

impl Plan<'_> {
    pub(super) fn attachment(&self, docx: Docx) -> Docx {
        let b = &self.board;
        let label_w = WIDTH * 3 / 10;
        let rows: Vec<Vec<String>> = b
            .fields
            .iter()
            .map(|f| vec![f.label.clone(), f.value.clone()])
            .collect();
        let col = WIDTH / 3;
        let widths = [col, col, WIDTH - 2 * col];
        let fills = [
            ("FFFF00", "FFFDE0"),
            ("FFA500", "FFEBCC"),
            ("FF0000", "FFE0E0"),
        ];
        let header = TableRow::new(
            Level::ALL
                .iter()
                .zip(widths)
                .zip(fills)
                .map(|((l, w), (strong, _))| {
                    cell(l.name_zh(), w, CellStyle::header(size::WUHAO).on(strong))
                })
                .collect(),
        );
        let body = TableRow::new(
            Level::ALL
                .iter()
                .zip(widths)
                .zip(fills)
                .map(|((l, w), (_, tint))| {
                    cell(
                        &b.levels.get(*l).join("\n"),
                        w,
                        CellStyle::text(size::XIAOWU).on(tint).at_top(),
                    )
                })
                .collect(),
        );
        docx.add_paragraph(typeset::page_break())
            .add_paragraph(typeset::heading1("附件  重污染天气应急减排措施公示牌"))
            .add_paragraph(typeset::body(
                "公示牌按A3幅面制作，置于企业入口显眼位置，内容如下：",
            ))
            .add_table(label_table(&[label_w, WIDTH - label_w], &rows))
            .add_paragraph(Paragraph::new())
            .add_table(typeset::fixed_table(&widths, vec![header, body]))
    }
}
