//! Regenerates the sample list workbooks: `cargo run --example generate_samples -- sample-lists/`.
//!
//! The output is deterministic (seeded ChaCha8, fixed document dates): running it again
//! gives the same cells, and `tests/cli/sample_lists.rs` checks the committed files against it.

use jianpai_samples as generator;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("sample-lists"), PathBuf::from);
    match generator::write_samples(&dir) {
        Ok(paths) => {
            for p in paths {
                println!("已生成 {}", p.display());
            }
            for spec in generator::SAMPLES {
                let sample = generator::county(spec);
                let list = &sample.list;
                let sources: usize = list.enterprises.iter().map(|e| e.sources.len()).sum();
                let ratios = generator::ratios(list).expect("samples carry a baseline");
                println!(
                    "{}：企业 {} 家，工业源 {} 个，工地 {} 个，用车大户 {} 家，预置问题 {} 条",
                    spec.stem,
                    list.enterprises.len(),
                    sources,
                    list.sites.len(),
                    list.fleets.len(),
                    sample.faults.len()
                );
                for (name, r) in ["黄色", "橙色", "红色"].iter().zip(ratios) {
                    println!(
                        "  {name}：SO2 {:.2}%  NOx {:.2}%  PM {:.2}%  VOCs {:.2}%",
                        r[0] * 100.0,
                        r[1] * 100.0,
                        r[2] * 100.0,
                        r[3] * 100.0
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
