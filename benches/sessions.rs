//! Scale benchmark for replay --all and history (being written).
fn main() {}
