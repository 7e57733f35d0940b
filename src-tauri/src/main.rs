//! The jianpai desktop app's entry point; everything lives in the library so it can be tested.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    jianpai_app::run();
}
