//! The dust sheet (扬尘源清单): construction sites, mines, yards — one site per row.

use crate::model::Site;

use super::super::header::{Field, Plain};
use super::SheetCtx;

/// Reads every data row of a dust sheet into `out`. A row without 项目名称 is an error.
pub(crate) fn read(ctx: &mut SheetCtx<'_, '_>, out: &mut Vec<Site>) {
    for r in ctx.data_rows() {
        let name = ctx.string(r, Plain::ProjectName);
        if name.is_empty() {
            let label = ctx
                .column(Field::Plain(Plain::ProjectName))
                .map_or("项目名称".to_string(), |c| c.label.clone());
            ctx.error_at(r, &label, "项目名称为空：请填写工地（项目）名称".into());
            continue;
        }
        let mut address = ctx.string(r, Plain::ProjectAddress);
        if address.is_empty() {
            address = ctx.string(r, Plain::Address);
        }
        let site = Site {
            county: ctx.string(r, Plain::County),
            name,
            kind: ctx.string(r, Plain::ProjectKind),
            address,
            builder: ctx.string(r, Plain::Builder),
            contractor: ctx.string(r, Plain::Contractor),
            manager: ctx.contact(
                r,
                Plain::ManagerName,
                Plain::ManagerPhone,
                Plain::ManagerContact,
            ),
            responsible: ctx.contact(
                r,
                Plain::ResponsibleName,
                Plain::ResponsiblePhone,
                Plain::ResponsibleContact,
            ),
            approval: ctx.string(r, Plain::Approval),
            source: ctx.source(r),
            origin: Some(ctx.origin(r)),
            ..Site::default()
        };
        out.push(site);
    }
}
