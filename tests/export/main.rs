//! Export tests: the submission and enterprise workbooks, the note, round trips, LibreOffice and speed (one test binary).

mod common;
mod enterprise;
mod libreoffice;
mod note;
mod roundtrip;
mod roundtrip_random;
mod speed;
mod submission;
