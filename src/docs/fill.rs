//! Filling a document's fields from the list while recording what is missing.

use crate::model::Contact;

use super::Missing;

/// What a document shows where a required field is empty.
pub const PLACEHOLDER: &str = "【待补充】";

/// Collects [`Missing`] entries while a document's fields are filled in.
#[derive(Debug, Default)]
pub(crate) struct Filler {
    missing: Vec<Missing>,
}

impl Filler {
    /// The value, or 【待补充】 with a record of `field` at `place` when it is blank.
    pub fn text(&mut self, value: &str, field: &str, place: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.note(field, place);
            PLACEHOLDER.to_string()
        } else {
            v.to_string()
        }
    }

    /// "姓名 电话", with 【待补充】 standing in for whichever part is blank. A wholly empty
    /// contact is one missing field (`role`及联系方式); a half-empty one names the blank half.
    pub fn contact(&mut self, c: &Contact, role: &str, place: &str) -> String {
        let name = c.name.trim();
        let phone = c.phone.trim();
        match (name.is_empty(), phone.is_empty()) {
            (true, true) => {
                self.note(&format!("{role}及联系方式"), place);
                PLACEHOLDER.to_string()
            }
            (false, true) => {
                self.note(&format!("{role}联系电话"), place);
                format!("{name}  电话：{PLACEHOLDER}")
            }
            (true, false) => {
                self.note(&format!("{role}姓名"), place);
                format!("{PLACEHOLDER}  电话：{phone}")
            }
            (false, false) => format!("{name}  电话：{phone}"),
        }
    }

    /// Records a missing field without producing text (for values rendered elsewhere).
    pub fn note(&mut self, field: &str, place: &str) {
        let m = Missing {
            field: field.to_string(),
            place: place.to_string(),
        };
        if !self.missing.contains(&m) {
            self.missing.push(m);
        }
    }

    /// Takes over another filler's records (a part built separately, such as the board
    /// attached to a plan), without duplicates.
    pub fn absorb(&mut self, other: Filler) {
        for m in other.missing {
            self.note(&m.field, &m.place);
        }
    }

    /// Everything recorded, in the order the document shows it.
    pub fn finish(self) -> Vec<Missing> {
        self.missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_blank_fields_once() {
        let mut f = Filler::default();
        assert_eq!(f.text(" 水泥 ", "行业类型", "甲厂"), "水泥");
        assert_eq!(f.text("  ", "行业类型", "甲厂"), PLACEHOLDER);
        assert_eq!(f.text("", "行业类型", "甲厂"), PLACEHOLDER);
        let c = Contact {
            name: "张三".into(),
            phone: String::new(),
        };
        assert!(f.contact(&c, "监督人", "甲厂").contains(PLACEHOLDER));
        assert_eq!(
            f.contact(&Contact::default(), "法定代表人", "甲厂"),
            PLACEHOLDER
        );
        let m = f.finish();
        assert_eq!(
            m.iter().map(|m| m.field.as_str()).collect::<Vec<_>>(),
            ["行业类型", "监督人联系电话", "法定代表人及联系方式"]
        );
    }
}
