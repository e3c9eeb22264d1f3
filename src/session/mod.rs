//! Practice sessions as saved data: the model, the store, the seeded plan, migration and the
//! lean summary. Knows nothing of the terminal or the live loop (that is `interview`).

pub mod create;
pub mod lock;
pub mod migrate;
pub mod model;
pub mod offer;
pub mod plan;
pub mod store;
pub mod summary;
#[cfg(test)]
pub mod testing;

pub use create::{create, NewSession};
pub use model::{Feedback, Session, Status, SCHEMA_VERSION};
pub use store::{SessionStore, StoreError};
