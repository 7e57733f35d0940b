//! The `jianpai` command-line program (`cli.md`).
fn main() {}
