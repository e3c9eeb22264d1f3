//! The JSON Schema of the rubric files, derived from the very structs that load them, so the
//! schema cannot drift from what mockloop accepts. (The case-file schema lives with the cases,
//! in `calibrate`, which builds on the core rather than the other way round.)

use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

use super::model::{LoopFile, QuestionBank, StageRubric, ValuesFile};

/// One schema any rubric file validates against: the loop, values, a stage rubric or a bank.
pub fn rubric_files() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let kinds = [
        generator.subschema_for::<LoopFile>(),
        generator.subschema_for::<ValuesFile>(),
        generator.subschema_for::<StageRubric>(),
        generator.subschema_for::<QuestionBank>(),
    ];
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mockloop rubric file",
        "description": "loop.json, values.json, stages/<stage>.json or questions/<stage>.json",
        "anyOf": kinds.iter().map(|k| k.as_value()).collect::<Vec<_>>(),
        "$defs": generator.take_definitions(true),
    })
}
