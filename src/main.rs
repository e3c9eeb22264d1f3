use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            // `{:#}` prints the whole context chain on one line: "reading x.txt: not UTF-8".
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
