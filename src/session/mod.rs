//! Practice sessions: the saved model, the store, the seeded plan, answer sources and the runner
//! that walks a loop. Knows nothing of clap; the CLI turns arguments into these types.

pub mod answer;
pub mod lock;
pub mod migrate;
pub mod model;
pub mod plan;
pub mod runner;
pub mod store;
pub mod summary;
pub mod terminal;

pub use model::{Feedback, Session, Status, SCHEMA_VERSION};
pub use runner::{RunEnd, RunError, Runner};
pub use store::{SessionStore, StoreError};
