//! `mockloop completions SHELL`: a script each shell accepts, naming today's subcommands.

use crate::common::*;

#[test]
fn every_shell_gets_a_script_that_knows_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = mockloop().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr_of(&out));
        let script = stdout_of(&out);
        for word in ["replay", "sessions", "completions", "--rubrics"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
}

#[test]
fn bash_script_defines_its_completion_function() {
    let script = stdout_of(&mockloop().args(["completions", "bash"]).output().unwrap());
    assert!(script.contains("_mockloop()"), "{script}");
    assert!(script.contains("complete -F _mockloop"), "{script}");
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    mockloop()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "possible values: bash, elvish, fish, powershell, zsh",
        ));
}
