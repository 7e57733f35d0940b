//! The sample lists in `sample-lists/` are written by their generator straight with
//! rust_xlsxwriter in two provincial templates' messy layouts; importing them must give the
//! generator's own list back.

use jianpai_samples as generator;

use std::path::Path;

use jianpai::import::{read_workbook, ImportError, Imported};

fn read(file: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-lists")
        .join(file);
    match read_workbook(&path) {
        Ok(i) => i,
        Err(ImportError::Invalid { errors, .. }) => panic!("{file}: {errors:#?}"),
        Err(e) => panic!("{file}: {e:?}"),
    }
}

#[test]
fn sample_lists_import_to_the_generators_list() {
    for spec in generator::SAMPLES {
        let expected = generator::county(spec).list;
        let imported = read(&format!("{}.xlsx", spec.stem));
        for w in &imported.warnings {
            println!(
                "{}: {:?} {:?} {:?} {}",
                spec.stem, w.sheet, w.row, w.column, w.message
            );
        }
        let got = imported.list.without_provenance();
        assert_eq!(got.area, expected.area, "{}", spec.stem);
        assert_eq!(got.year, expected.year, "{}", spec.stem);
        assert_eq!(got.baseline, expected.baseline, "{}", spec.stem);
        assert_eq!(
            got.enterprises.len(),
            expected.enterprises.len(),
            "{}",
            spec.stem
        );
        for (g, e) in got.enterprises.iter().zip(&expected.enterprises) {
            assert_eq!(g, e, "{}", spec.stem);
        }
        assert_eq!(got.sites, expected.sites, "{}", spec.stem);
        assert_eq!(got.fleets, expected.fleets, "{}", spec.stem);
        assert_eq!(got.heating, expected.heating, "{}", spec.stem);
        assert_eq!(got, expected, "{}", spec.stem);
    }
}
