//! The README's sample episode on each sample list: its electricity files, in both layouts,
//! read without an error, match every enterprise and flag the ones drawn over their caps.

use jianpai_samples as generator;

use super::common::{json, run};

#[test]
fn each_sample_list_has_an_episode_with_enterprises_over_their_caps() {
    for spec in generator::SAMPLES {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("list.sqlite");
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists");
        let list = samples.join(format!("{}.xlsx", spec.stem));
        run(&db, &["import", list.to_str().unwrap()]).success();
        let y = spec.year;
        run(
            &db,
            &[
                "episode",
                "start",
                "--level",
                "yellow",
                "--at",
                &format!("{y}-12-05 20:00"),
            ],
        )
        .success();
        run(
            &db,
            &[
                "episode",
                "adjust",
                "--level",
                "orange",
                "--at",
                &format!("{y}-12-06 12:00"),
            ],
        )
        .success();
        let mut flagged = Vec::new();
        for layout in ["长表", "宽表"] {
            let file = samples
                .join(generator::POWER_DIR)
                .join(format!("{}-用电量-{layout}.xlsx", spec.stem));
            let r = json(&db, &["power", "import", file.to_str().unwrap(), "--json"]);
            assert_eq!(r["unmatched"], 0, "{}: {layout}", spec.stem);
            assert_eq!(r["days"], 4);
            assert_eq!(r["no_normal"].as_array().unwrap().len(), 0);
            flagged.push(r["flagged"].clone());
        }
        // Both layouts carry the same data: the second import changes no verdict.
        assert_eq!(flagged[0], flagged[1], "{}", spec.stem);
        let flags = flagged[0].as_array().unwrap();
        assert!(flags.len() >= 5, "{}: {} flags", spec.stem, flags.len());
        assert!(flags.iter().all(|f| f["level"] == "orange"));
        assert!(flags
            .iter()
            .all(|f| f["use"].as_f64().unwrap() > f["cap"].as_f64().unwrap() * 1.1));
    }
}
