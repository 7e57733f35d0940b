//! The CLI's memory allocator: mimalloc instead of the system's.
//!
//! Reading a 60,000-line workbook makes millions of small allocations (every cell's text,
//! every line's fields, the snapshot's buffers), and glibc's malloc spent about a tenth of
//! the whole `jianpai import` in them (`malloc_consolidate`, `unlink_chunk`, …). mimalloc
//! takes most of that away (issue 15's import budget, measured in `benches/budgets.rs`).
//!
//! Two settings make it pay on Linux (figures of one 60,000-line import, CPU / peak memory):
//! - no transparent huge pages (the `no_thp` feature): mimalloc asks for them on its large
//!   segments, and the kernel then zeroes 2 MiB at every first touch — a fifth of the import
//!   went to `clear_page`, and mimalloc was slower than glibc (tried last round: +14 % CPU);
//! - freed pages go back to the system after 10 ms ([`tune`]) instead of this build's
//!   1,000 ms: otherwise the sheet's cells, freed after reading, are still resident while
//!   the store is written, and the peak rose to 290 MiB (1.47× a calamine read).
//!
//! With both, same code interleaved: glibc 1.87 s / 256 MiB (2.0× / 1.30× a calamine read),
//! mimalloc 1.73 s / 223 MiB (1.86× / 1.13×). The desktop app keeps
//! the system allocator: its imports are the same code, but a window's memory use is
//! dominated by the webview and no budget of it has been measured against another allocator.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` of the pinned mimalloc's `mimalloc.h` (v2):
/// libmimalloc-sys 0.1.49 does not name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before freed memory goes back to the system (1,000 in this build of mimalloc).
const PURGE_AFTER_MS: std::ffi::c_long = 10;

/// Sets the allocator's options; called first thing in `main`. A `MIMALLOC_PURGE_DELAY` in
/// the environment wins, as mimalloc's documentation promises.
pub fn tune() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: mi_option_set only stores an option value; any option number and value is
    // accepted (a number outside the enum is ignored).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) };
}

#[cfg(test)]
mod tests {
    /// The option number really is the purge delay: its default in this build reads back.
    #[test]
    fn the_purge_option_is_the_purge_delay() {
        // SAFETY: reading an option has no precondition.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(delay == 1000 || delay == super::PURGE_AFTER_MS, "{delay}");
    }
}
