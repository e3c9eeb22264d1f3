//! Calibration: labeled cases, how well a rubric's scores agree with them, and fitting a
//! rubric's numbers to them.

pub mod cases;
pub mod evaluate;
pub mod lint;
pub mod shared;
pub mod tune;

pub use cases::{Case, CaseFile, Cases, Expect};
pub use evaluate::{evaluate, Metrics, Outcome, TestReport};
