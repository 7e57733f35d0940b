//! The `jianpai` program as other tools see it, and the committed sample lists (one test binary).

mod commands;
mod robust;
mod rules;
mod sample_lists;
mod settings;
