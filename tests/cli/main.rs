//! The `jianpai` program as other tools see it, and the committed sample lists (one test binary).

mod commands;
mod rules;
mod robust;
mod sample_lists;
