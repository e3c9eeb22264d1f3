//! `mockloop man`: a roff manual page generated from the same definition as `--help`.

use crate::common::*;

#[test]
fn man_page_is_roff_and_lists_the_subcommands() {
    let out = mockloop().arg("man").output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let page = stdout_of(&out);
    assert!(page.contains(".TH mockloop 1"), "a section-1 title line");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    for sub in [
        "run", "report", "replay", "history", "sessions", "score", "rubric",
    ] {
        assert!(
            page.contains(&format!("mockloop\\-{sub}(1)")),
            "the page names `{sub}`"
        );
    }
    assert!(page.contains("MOCKLOOP_RUBRICS"), "env vars documented");
}
